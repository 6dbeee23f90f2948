#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "vigil/store/workspace.hpp"

namespace vigil::server::detail {

// Reader connections for the worker threads: one per concurrent query, opened on first
// need and kept. SQLite in WAL mode lets them read while the writer writes.
class WorkspacePool {
 public:
  explicit WorkspacePool(store::WorkspacePaths paths) : paths_(std::move(paths)) {}

  class Lease {
   public:
    Lease(WorkspacePool& pool, std::unique_ptr<store::Workspace> ws)
        : pool_(pool), ws_(std::move(ws)) {}
    ~Lease() {
      std::lock_guard lock(pool_.mutex_);
      pool_.free_.push_back(std::move(ws_));
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    store::Workspace& workspace() { return *ws_; }

   private:
    WorkspacePool& pool_;
    std::unique_ptr<store::Workspace> ws_;
  };

  Lease acquire() {
    {
      std::lock_guard lock(mutex_);
      if (!free_.empty()) {
        auto ws = std::move(free_.back());
        free_.pop_back();
        return Lease(*this, std::move(ws));
      }
    }
    auto ws = std::make_unique<store::Workspace>(paths_);
    store::tune_for_many_readers(*ws);
    return Lease(*this, std::move(ws));
  }

 private:
  store::WorkspacePaths paths_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<store::Workspace>> free_;
};

}  // namespace vigil::server::detail

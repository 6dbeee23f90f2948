#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace vigil::test {

struct RunResult {
  int exit_code = -1;  // 128 + signal when killed
  std::string out;
  std::string err;
};

// Runs a program to completion, capturing stdout and stderr.
RunResult run_program(const std::vector<std::string>& argv);

// Starts a program with stdout and stderr sent to /dev/null; returns its pid.
pid_t spawn_program(const std::vector<std::string>& argv);
// Waits for a spawned program; returns its exit code, or 128 + signal.
int wait_program(pid_t pid);

}  // namespace vigil::test

#pragma once

// Seals over stored rows: each column's text with its length, NULL as a marker no text has.

#include "vigil/core/hash.hpp"
#include "vigil/store/database.hpp"

namespace vigil::store::detail {

inline void hash_column(Blake2b& hasher, const Statement& st, int column) {
  const std::string_view text = st.is_null(column) ? std::string_view("\x01null") : st.text(column);
  hasher.update_u64(text.size()).update(text);
}

}  // namespace vigil::store::detail

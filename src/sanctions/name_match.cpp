#include "vigil/sanctions/name_match.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace vigil::sanctions {

std::string normalise_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (const char raw : name) {
    char c = raw;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    const bool keep = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (keep) {
      out.push_back(c);
    } else if (!out.empty() && out.back() != ' ') {
      out.push_back(' ');
    }
  }
  while (!out.empty() && out.back() == ' ')
    out.pop_back();
  // "M/T" and "M/V" became "M T" and "M V".
  for (const std::string_view prefix : {"M T ", "M V ", "MT ", "MV "}) {
    if (out.size() > prefix.size() && out.compare(0, prefix.size(), prefix) == 0) {
      out.erase(0, prefix.size());
      break;
    }
  }
  return out;
}

double jaro_winkler(std::string_view a, std::string_view b) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  const std::size_t window =
      std::max(a.size(), b.size()) / 2 - (std::max(a.size(), b.size()) >= 2 ? 1 : 0);
  std::vector<char> a_matched(a.size(), 0), b_matched(b.size(), 0);
  std::size_t matches = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::size_t from = i > window ? i - window : 0;
    const std::size_t to = std::min(b.size(), i + window + 1);
    for (std::size_t j = from; j < to; ++j) {
      if (b_matched[j] || a[i] != b[j]) continue;
      a_matched[i] = b_matched[j] = 1;
      ++matches;
      break;
    }
  }
  if (matches == 0) return 0.0;
  std::size_t transpositions = 0;
  for (std::size_t i = 0, j = 0; i < a.size(); ++i) {
    if (!a_matched[i]) continue;
    while (!b_matched[j])
      ++j;
    if (a[i] != b[j]) ++transpositions;
    ++j;
  }
  const double m = static_cast<double>(matches);
  const double jaro = (m / static_cast<double>(a.size()) + m / static_cast<double>(b.size()) +
                       (m - static_cast<double>(transpositions) / 2.0) / m) /
                      3.0;
  std::size_t prefix = 0;
  while (prefix < 4 && prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix])
    ++prefix;
  return jaro + static_cast<double>(prefix) * 0.1 * (1.0 - jaro);
}

}  // namespace vigil::sanctions

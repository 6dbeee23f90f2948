#pragma once

#include <string>
#include <string_view>

namespace vigil::sanctions {

// A vessel name reduced to what identifies it: ASCII letters upper-cased, digits kept,
// everything else a single space, and leading type prefixes (M/T, MT, MV, M/V) dropped.
// "M/T Sea-Star " and "SEA STAR" normalise alike.
std::string normalise_name(std::string_view name);

// Jaro-Winkler similarity of two strings, 0..1 (1: identical), with the usual prefix
// scale 0.1 over at most four characters (Winkler 1990).
double jaro_winkler(std::string_view a, std::string_view b);

}  // namespace vigil::sanctions

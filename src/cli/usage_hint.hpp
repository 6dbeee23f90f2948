#pragma once

// "Did you mean": the command or option a mistyped word on the command line most likely was.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

namespace vigil::cli {

// Edit distance counting a swap of two neighbouring letters as one edit ("incidnets").
std::size_t typo_distance(std::string_view a, std::string_view b);

// The candidate `word` is most likely a typo of: at most one edit away for words of up to four
// letters, two beyond, and nearer than any other candidate.
std::optional<std::string> closest_word(std::string_view word,
                                        const std::vector<std::string>& candidates);

// What to tell someone whose command line did not parse: "'incidnets' is not a command of
// vigil; did you mean 'incidents'?", or the same for an option of the command they named.
// Empty when no word of the line is near a command or option it could have meant.
std::optional<std::string> usage_hint(CLI::App& app, int argc, const char* const* argv);

}  // namespace vigil::cli

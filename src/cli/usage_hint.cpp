#include "usage_hint.hpp"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace vigil::cli {

std::size_t typo_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment: Levenshtein plus the transposition of adjacent letters.
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i)
    d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j)
    d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i)
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[n][m];
}

std::optional<std::string> closest_word(std::string_view word,
                                        const std::vector<std::string>& candidates) {
  const std::size_t allowed = word.size() <= 4 ? 1 : 2;
  std::optional<std::string> best;
  std::size_t best_distance = allowed + 1;
  for (const auto& candidate : candidates) {
    const std::size_t distance = typo_distance(word, candidate);
    if (distance < best_distance && distance < word.size()) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

namespace {

std::vector<std::string> command_names(CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; }))
    names.push_back(command->get_name());
  return names;
}

std::vector<std::string> long_option_names(CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* option : app.get_options())
    for (const auto& name : option->get_lnames())
      names.push_back("--" + name);
  return names;
}

std::string command_path(const std::vector<std::string>& path) {
  return std::accumulate(path.begin(), path.end(), std::string("vigil"),
                         [](std::string out, const std::string& name) { return out + " " + name; });
}

}  // namespace

std::optional<std::string> usage_hint(CLI::App& app, int argc, const char* const* argv) {
  CLI::App* current = &app;
  std::vector<std::string> path;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") break;
    if (arg.starts_with("--")) {
      const std::string name(arg.substr(0, arg.find('=')));
      if (current->get_option_no_throw(name) != nullptr) continue;
      if (const auto meant = closest_word(name, long_option_names(*current)))
        return fmt::format("{} has no option {}; did you mean {}?", command_path(path), name,
                           *meant);
      continue;
    }
    if (arg.starts_with("-")) continue;
    const std::string word(arg);
    const auto named = current->get_subcommands([&](CLI::App* a) { return a->check_name(word); });
    if (!named.empty()) {
      current = named.front();
      path.push_back(word);
      continue;
    }
    const auto names = command_names(*current);
    if (names.empty()) continue;
    if (const auto meant = closest_word(word, names))
      return fmt::format("'{}' is not a command of {}; did you mean '{}'?", word,
                         command_path(path), *meant);
    const bool takes_words =
        !current->get_options([](const CLI::Option* o) { return o->get_positional(); }).empty();
    if (current->get_require_subcommand_min() > 0 && !takes_words)
      return fmt::format("'{}' is not a command of {}; its commands are: {}", word,
                         command_path(path), fmt::join(names, ", "));
  }
  return std::nullopt;
}

}  // namespace vigil::cli

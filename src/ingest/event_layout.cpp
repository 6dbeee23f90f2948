#include "vigil/ingest/event_layout.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "vigil/core/time.hpp"

namespace vigil::ingest {
namespace {

using Fields = std::vector<std::pair<std::string, nlohmann::json>>;

struct ClassWords {
  std::string_view weapon_class;
  std::array<std::string_view, 10> words;
};

// Most specific first: "9M55K Smerch" is a heavy MLRS before it is a rocket launcher, a
// "self-propelled howitzer" is artillery before anything else the sentence names.
constexpr std::array<ClassWords, 6> kClassWords = {{
    {"tactical_missile",
     {"iskander", "iskender", "tochka", "tocha", "9m79", "9m723", "ballistic missile"}},
    {"heavy_mlrs",
     {"smerch", "9m55", "uragan", "9m27", "tos-1", "tornado", "bm-27", "bm-30", "solntsepyok"}},
    {"mlrs", {"grad", "bm-21", "mlrs", "multiple rocket", "rocket launcher"}},
    {"artillery_ge100",
     {"howitzer", "msta", "2s19", "akatsiya", "2s3", "gvozdika", "2s1", "d-30", "pion", "2s7"}},
    {"mortar_le120", {"mortar"}},
    {"tank", {"tank", "t-72", "t-80", "t-90", "t-64", "t-62"}},
}};

// A word that starts a word of the text: "grad" in "Grad rockets", not in "Volgograd" or
// "degraded"; "tank" in "tanks" but not in "anti-tank"... which starts a word after "-",
// so anti-tank weapons are skipped explicitly.
bool has_word(std::string_view text, std::string_view word) {
  for (auto at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
    if (at > 0 && std::isalnum(static_cast<unsigned char>(text[at - 1]))) continue;
    if (word == "tank" && at >= 5 && text.substr(at - 5, 5) == "anti-") continue;
    return true;
  }
  return false;
}

bool has_any(std::string_view text, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view w) { return has_word(text, w); });
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

class LayoutColumns {
 public:
  explicit LayoutColumns(Fields& fields) : fields_(fields) {}
  // The column's value, taken out of the record (so it does not also become an attribute).
  nlohmann::json take(std::string_view name) {
    for (auto it = fields_.begin(); it != fields_.end(); ++it)
      if (it->first == name) {
        auto v = std::move(it->second);
        fields_.erase(it);
        return v;
      }
    return nullptr;
  }
  const nlohmann::json& peek(std::string_view name) const {
    static const nlohmann::json absent;
    for (const auto& f : fields_)
      if (f.first == name) return f.second;
    return absent;
  }
  static std::string text(const nlohmann::json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_null()) return {};
    return v.dump();
  }

 private:
  Fields& fields_;
};

// "2022-07-01" or ACLED's "01 July 2022": the day's start in UTC, as RFC 3339.
std::optional<std::string> day_start(const std::string& date) {
  if (parse_rfc3339(date + "T00:00:00Z")) return date + "T00:00:00Z";
  static const std::array<std::string_view, 12> months = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  int day = 0, year = 0;
  char month_name[16] = {};
  if (std::sscanf(date.c_str(), "%d %15s %d", &day, month_name, &year) != 3) return std::nullopt;
  const auto m = std::find(months.begin(), months.end(), lower(month_name));
  if (m == months.end()) return std::nullopt;
  const auto text = fmt::format("{:04}-{:02}-{:02}T00:00:00Z", year, (m - months.begin()) + 1, day);
  if (!parse_rfc3339(text)) return std::nullopt;
  return text;
}

bool fail(io::RecordError& error, std::uint64_t line, std::string field, std::string message) {
  error.line = line;
  error.field = std::move(field);
  error.message = std::move(message);
  return false;
}

// CIR groups name what happened; the title and description say how.
std::string_view cir_kind(std::string_view group, std::string_view text, bool has_class) {
  const bool fire_words = has_any(text, {"shell", "artillery", "grad", "mlrs", "rocket", "smerch",
                                         "uragan", "cluster", "mortar"});
  const bool blast_words =
      has_any(text, {"missile", "strike", "bomb", "explosion", "blast", "airstrike", "drone"});
  if (group.starts_with("Ground Battle")) return "small_arms";
  if (group.starts_with("Russian Military Presence") || group.starts_with("Russian Firing") ||
      group.starts_with("Russian Allies Presence"))
    return has_class ? "weapon" : "movement";
  if (group.starts_with("Bombing or Explosion")) return fire_words ? "shelling" : "explosion";
  // Damage and casualties in this war are the work of explosive weapons: the words tell
  // shelling from other blasts; without them the report is an explosion's aftermath.
  if (group.starts_with("Civilian Infrastructure Damage") ||
      group.starts_with("Civilian Casualty") || group.starts_with("Munitions") ||
      group.starts_with("Military Infrastructure Damage"))
    return fire_words ? "shelling" : "explosion";
  if (group.starts_with("Other") && (fire_words || blast_words))
    return fire_words ? "shelling" : "explosion";
  return "report";
}

bool apply_cir(io::RawRecord& record, io::RecordError& error) {
  LayoutColumns c(record.fields);
  const auto entry = LayoutColumns::text(c.take("entry"));
  if (entry.empty()) return fail(error, record.line, "entry", "missing");
  const auto date = LayoutColumns::text(c.take("date"));
  const auto time = day_start(date);
  if (!time) return fail(error, record.line, "date", fmt::format("\"{}\" is not a date", date));
  auto group = c.take("event_group");
  const auto title = LayoutColumns::text(c.take("title"));
  const auto description = LayoutColumns::text(c.take("brief description"));
  const auto arms = LayoutColumns::text(c.take("arms/munition"));
  const std::string words = lower(title + " " + description + " " + arms);
  const auto weapon_class = weapon_class_in_text(words);
  const auto kind = cir_kind(LayoutColumns::text(group), words, weapon_class.has_value());
  const auto geolocation = LayoutColumns::text(c.take("geolocation"));

  Fields out;
  out.emplace_back("id", "cir:" + entry);
  out.emplace_back("time", *time);
  out.emplace_back("lat", c.take("lat"));
  out.emplace_back("lon", c.take("lon"));
  out.emplace_back("kind", std::string(kind));
  out.emplace_back("source", "osint:cir");
  out.emplace_back("uncertainty_m", geolocation.empty() ? kCirTownM : kCirGeolocatedM);
  out.emplace_back("time_precision", "day");
  out.emplace_back("event_group", std::move(group));
  if (!title.empty()) out.emplace_back("title", title);
  if (!description.empty() && description != title) out.emplace_back("description", description);
  if (!arms.empty()) out.emplace_back("arms", arms);
  if (kind == "weapon") out.emplace_back("weapon_class", std::string(*weapon_class));
  if (!geolocation.empty()) out.emplace_back("geolocation", geolocation);
  for (auto& f : record.fields)  // country, province, town/city, link, violence level...
    if (!f.second.is_null()) out.push_back(std::move(f));
  record.fields = std::move(out);
  return true;
}

std::string_view acled_kind(std::string_view sub_event) {
  static const std::map<std::string_view, std::string_view> kinds = {
      {"Shelling/artillery/missile attack", "shelling"},
      {"Armed clash", "small_arms"},
      {"Attack", "small_arms"},
      {"Air/drone strike", "explosion"},
      {"Remote explosive/landmine/IED", "explosion"},
      {"Grenade", "explosion"},
      {"Suicide bomb", "explosion"},
      {"Government regains territory", "movement"},
      {"Non-state actor overtakes territory", "movement"},
      {"Headquarters or base established", "movement"},
  };
  const auto it = kinds.find(sub_event);
  return it == kinds.end() ? "report" : it->second;
}

bool apply_acled(io::RawRecord& record, io::RecordError& error) {
  LayoutColumns c(record.fields);
  const auto id = LayoutColumns::text(c.take("event_id_cnty"));
  if (id.empty()) return fail(error, record.line, "event_id_cnty", "missing");
  const auto date = LayoutColumns::text(c.take("event_date"));
  const auto time = day_start(date);
  if (!time)
    return fail(error, record.line, "event_date", fmt::format("\"{}\" is not a date", date));
  const auto precision = c.take("geo_precision");
  double uncertainty = kAcledPrecisionM[2];
  if (!precision.is_null()) {
    if (!precision.is_number_integer() || precision.get<int>() < 1 || precision.get<int>() > 3)
      return fail(error, record.line, "geo_precision",
                  fmt::format("{} is not 1, 2 or 3", precision.dump()));
    uncertainty = kAcledPrecisionM[precision.get<int>() - 1];
  }
  auto sub_event = c.take("sub_event_type");
  const auto notes = LayoutColumns::text(c.peek("notes"));
  Fields out;
  out.emplace_back("id", "acled:" + id);
  out.emplace_back("time", *time);
  out.emplace_back("lat", c.take("latitude"));
  out.emplace_back("lon", c.take("longitude"));
  const auto kind = acled_kind(LayoutColumns::text(sub_event));
  out.emplace_back("kind", std::string(kind));
  out.emplace_back("source", "osint:acled");
  out.emplace_back("uncertainty_m", uncertainty);
  out.emplace_back("time_precision", "day");
  out.emplace_back("sub_event_type", std::move(sub_event));
  // ACLED's own `source` names the outlet it coded the event from.
  if (auto outlet = c.take("source"); !outlet.is_null()) out.emplace_back("acled_source", outlet);
  if (kind == "shelling" || kind == "explosion")
    if (const auto weapon = weapon_class_in_text(lower(notes)))
      out.emplace_back("weapon_class_named", std::string(*weapon));
  for (auto& f : record.fields)
    if (!f.second.is_null()) out.push_back(std::move(f));
  record.fields = std::move(out);
  return true;
}

}  // namespace

std::optional<EventLayout> parse_event_layout(std::string_view text) {
  if (text == "cir") return EventLayout::cir;
  if (text == "acled") return EventLayout::acled;
  return std::nullopt;
}

std::optional<std::string_view> weapon_class_in_text(std::string_view lower_text) {
  for (const auto& c : kClassWords)
    for (const auto word : c.words)
      if (!word.empty() && has_word(lower_text, word)) return c.weapon_class;
  return std::nullopt;
}

bool apply_event_layout(EventLayout layout, io::RawRecord& record, io::RecordError& error) {
  switch (layout) {
    case EventLayout::cir:
      return apply_cir(record, error);
    case EventLayout::acled:
      return apply_acled(record, error);
  }
  return false;
}

}  // namespace vigil::ingest

#include "vigil/commitments/commitment_tables.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "vigil/io/csv_reader.hpp"

namespace vigil::commitments {
namespace {

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

// "2014" → 2014, "2024e" → 2024 estimated; anything else is not a year column.
std::optional<std::pair<int, bool>> year_column(std::string_view name) {
  const std::string text = trim(name);
  const bool estimate = !text.empty() && (text.back() == 'e' || text.back() == 'E');
  const std::string_view digits(text.data(), text.size() - (estimate ? 1 : 0));
  int year = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), year);
  if (error != std::errc() || end != digits.data() + digits.size() || digits.size() != 4)
    return std::nullopt;
  if (year < 1949 || year > 2100) return std::nullopt;
  return std::pair{year, estimate};
}

// A number as the tables write them: 1.75, "1,553  " (thousands separated, padded). A comma
// is a thousands separator only before three digits, so "1,5" is refused rather than misread.
std::optional<double> number_of(const nlohmann::json& cell) {
  if (cell.is_number()) return cell.get<double>();
  if (!cell.is_string()) return std::nullopt;
  const std::string text = trim(cell.get<std::string>());
  std::string plain;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != ',') {
      plain.push_back(text[i]);
      continue;
    }
    const auto next = text.find_first_not_of("0123456789", i + 1);
    const auto group = (next == std::string::npos ? text.size() : next) - (i + 1);
    if (group != 3 || i == 0) return std::nullopt;
  }
  double value = 0;
  const auto [end, error] = std::from_chars(plain.data(), plain.data() + plain.size(), value);
  if (plain.empty() || error != std::errc() || end != plain.data() + plain.size() ||
      !std::isfinite(value))
    return std::nullopt;
  return value;
}

const nlohmann::json* cell_of(const io::RawRecord& row, std::string_view column) {
  for (const auto& [name, value] : row.fields)
    if (trim(name) == column) return &value;
  return nullptr;
}

std::string cell_text(const nlohmann::json* cell) {
  if (!cell || cell->is_null()) return {};
  return trim(cell->is_string() ? cell->get<std::string>() : cell->dump());
}

// The Kiel summary's columns (docs/commitments.md); a file without one of kRequiredSupport is
// refused, the others are read where present.
constexpr std::string_view kDonor = "Country";
constexpr std::string_view kEuMember = "EU member_x";
constexpr std::string_view kFinancial = "Financial commitments($ billion)";
constexpr std::string_view kHumanitarian = "Humanitarian commitments($ billion)";
constexpr std::string_view kMilitary = "Military commitments($ billion)";
constexpr std::string_view kTotal = "Total bilateral commitments($ billion)";
constexpr std::string_view kEuShare = "Share in EU commitments($ billion)";
constexpr std::string_view kFinancialAllocated = "Financial allocations($ billion)";
constexpr std::string_view kHumanitarianAllocated = "Humanitarian allocations($ billion)";
constexpr std::string_view kMilitaryAllocated = "Military allocations($ billion)";
constexpr std::string_view kTotalAllocated = "Total bilateral allocations($ billion)";
constexpr std::array<std::string_view, 5> kRequiredSupport = {kDonor, kFinancial, kHumanitarian,
                                                              kMilitary, kTotal};

// "GDP in 2021($ billion)" → 2021: the year is in the column's name, so a later edition's
// "GDP in 2023($ billion)" reads the same way.
std::optional<std::pair<std::string, int>> gdp_column(const std::vector<std::string>& header) {
  for (const auto& raw : header) {
    const std::string name = trim(raw);
    if (!name.starts_with("GDP in ") || !name.ends_with("($ billion)")) continue;
    const auto year = year_column(std::string_view(name).substr(7, 4));
    if (year && !year->second) return std::pair{name, year->first};
  }
  return std::nullopt;
}

std::string found_columns(const std::vector<std::string>& header) {
  std::string out;
  for (const auto& name : header)
    out += fmt::format("{}'{}'", out.empty() ? "" : ", ", trim(name));
  return out;
}

void read_spending(const std::string& path, io::CsvReader& csv, io::RawRecord& row,
                   io::RecordError& error, io::ReadStatus status, CommitmentsTable& table) {
  const std::string country_column = trim(csv.header().front());
  for (; status != io::ReadStatus::end; status = csv.next(row, error)) {
    if (status == io::ReadStatus::error)
      throw CommitmentsError(fmt::format("{}:{}: {}", path, error.line, error.message));
    const std::string country = cell_text(cell_of(row, country_column));
    if (country.empty()) {
      table.warnings.push_back({row.line, "a row without a country: left out"});
      continue;
    }
    for (const auto& [name, value] : row.fields) {
      const auto year = year_column(name);
      if (!year || value.is_null()) continue;
      const auto pct = number_of(value);
      if (!pct || *pct < 0 || *pct > 100) {
        table.warnings.push_back(
            {row.line, fmt::format("{} {}: '{}' is not a share of GDP in per cent: left out",
                                   country, trim(name), cell_text(&value))});
        continue;
      }
      table.spending.push_back({country, year->first, *pct, year->second, row.line});
    }
  }
}

}  // namespace

std::string_view to_string(TableKind kind) {
  switch (kind) {
    case TableKind::nato_defence_expenditure:
      return "nato-defence-expenditure";
    case TableKind::ukraine_support:
      return "ukraine-support";
  }
  return "?";
}

std::optional<TableKind> parse_table_kind(std::string_view text) {
  for (const auto kind : {TableKind::nato_defence_expenditure, TableKind::ukraine_support})
    if (to_string(kind) == text) return kind;
  return std::nullopt;
}

bool is_nato_aggregate(std::string_view country) {
  return country.starts_with("NATO ");
}

std::string canonical_country(std::string_view name) {
  static const std::map<std::string, std::string, std::less<>> kAliases = {
      {"Czech Republic", "Czechia"},
      {"Slovakia", "Slovak Republic"},
      {"Turkey", "Türkiye"},
      {"Turkiye", "Türkiye"},
      {"Republic of Korea", "South Korea"},
      {"Korea", "South Korea"},
      {"UK", "United Kingdom"},
      {"USA", "United States"},
      {"United States of America", "United States"},
      {"Macedonia", "North Macedonia"}};
  const std::string text = trim(name);
  const auto alias = kAliases.find(text);
  return alias == kAliases.end() ? text : alias->second;
}

namespace {

CommitmentsTable read_table(const std::string& path) {
  io::CsvReader csv(path);
  io::RawRecord row;
  io::RecordError error;
  auto status = csv.next(row, error);  // reads the header too
  const auto& header = csv.header();
  if (header.empty()) throw CommitmentsError(fmt::format("{}: no header row", path));
  auto has = [&](std::string_view column) {
    for (const auto& name : header)
      if (trim(name) == column) return true;
    return false;
  };
  CommitmentsTable table;
  std::size_t years = 0;
  for (const auto& name : header)
    if (year_column(name)) ++years;
  const bool looks_spending = years > 0 && !year_column(header.front());
  const bool looks_support = has(kMilitary) || has(kTotal) || has(kFinancial);
  if (looks_spending && !looks_support) {
    table.kind = TableKind::nato_defence_expenditure;
    read_spending(path, csv, row, error, status, table);
    return table;
  }
  if (!looks_support)
    throw CommitmentsError(fmt::format(
        "{}: neither NATO's defence expenditure table (a country column, then one column per "
        "year: 2014, ..., 2024e) nor the Kiel Ukraine Support Tracker's country summary "
        "('{}', '{}', ...); columns found: {}",
        path, kDonor, kMilitary, found_columns(header)));
  table.kind = TableKind::ukraine_support;
  std::string missing;
  for (const auto column : kRequiredSupport)
    if (!has(column)) missing += fmt::format("{}'{}'", missing.empty() ? "" : ", ", column);
  if (!missing.empty())
    throw CommitmentsError(fmt::format(
        "{}: the Kiel Ukraine Support Tracker's country summary needs the columns {}; columns "
        "found: {}",
        path, missing, found_columns(header)));
  const auto gdp = gdp_column(header);
  for (; status != io::ReadStatus::end; status = csv.next(row, error)) {
    if (status == io::ReadStatus::error)
      throw CommitmentsError(fmt::format("{}:{}: {}", path, error.line, error.message));
    UkraineSupport s;
    s.line = row.line;
    s.donor = cell_text(cell_of(row, kDonor));
    if (s.donor.empty()) {
      table.warnings.push_back({row.line, "a row without a donor: left out"});
      continue;
    }
    auto amount = [&](std::string_view column, bool required) -> std::optional<double> {
      const auto* cell = cell_of(row, column);
      if (!cell || cell->is_null()) {
        if (required)
          table.warnings.push_back(
              {row.line, fmt::format("{}: no '{}': taken as 0", s.donor, column)});
        return std::nullopt;
      }
      const auto value = number_of(*cell);
      if (!value || *value < 0) {
        table.warnings.push_back(
            {row.line, fmt::format("{}: '{}' of '{}' is not an amount: {}", s.donor,
                                   cell_text(cell), column, required ? "taken as 0" : "left out")});
        return std::nullopt;
      }
      return value;
    };
    s.financial = amount(kFinancial, true).value_or(0);
    s.humanitarian = amount(kHumanitarian, true).value_or(0);
    s.military = amount(kMilitary, true).value_or(0);
    s.total = amount(kTotal, true).value_or(0);
    if (has(kEuShare)) s.eu_share = amount(kEuShare, false).value_or(0);
    if (has(kFinancialAllocated)) s.financial_allocated = amount(kFinancialAllocated, false);
    if (has(kHumanitarianAllocated))
      s.humanitarian_allocated = amount(kHumanitarianAllocated, false);
    if (has(kMilitaryAllocated)) s.military_allocated = amount(kMilitaryAllocated, false);
    if (has(kTotalAllocated)) s.total_allocated = amount(kTotalAllocated, false);
    if (gdp) {
      s.gdp_usd_bn = amount(gdp->first, false);
      if (s.gdp_usd_bn) s.gdp_year = gdp->second;
    }
    const auto eu = cell_text(cell_of(row, kEuMember));
    s.eu_member = eu == "1" || eu == "true" || eu == "yes";
    table.support.push_back(std::move(s));
  }
  return table;
}

}  // namespace

CommitmentsTable read_commitments_table(const std::string& path) {
  try {
    return read_table(path);
  } catch (const CommitmentsError&) {
    throw;
  } catch (const std::runtime_error& e) {  // the CSV reader's: unreadable file, bad header
    throw CommitmentsError(e.what());
  }
}

}  // namespace vigil::commitments

#pragma once
// The two tables behind the commitments report: NATO's defence expenditure as a share of GDP
// by ally and year, and the Kiel Institute's Ukraine Support Tracker summary by donor. Their
// columns are documented in docs/commitments.md; later editions with more years or donors read
// the same way.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::commitments {

// One ally's (or one NATO aggregate's) defence expenditure in one year, as % of GDP.
struct DefenceSpending {
  std::string country;  // as the file names it
  int year = 0;
  double pct_gdp = 0;
  bool estimate = false;  // the year's column is marked "e" (NATO's estimates)
  std::uint64_t line = 0;
};

// What one donor committed and delivered to Ukraine, in billions of US dollars.
struct UkraineSupport {
  std::string donor;  // as the file names it
  bool eu_member = false;
  std::optional<double> gdp_usd_bn;  // the donor's GDP in gdp_year, where given
  int gdp_year = 0;
  double financial = 0, humanitarian = 0, military = 0;  // bilateral commitments
  double total = 0;                                      // their sum, as the file gives it
  double eu_share = 0;  // the donor's share of what EU institutions committed
  std::optional<double> financial_allocated, humanitarian_allocated, military_allocated,
      total_allocated;
  std::uint64_t line = 0;
};

enum class TableKind { nato_defence_expenditure, ukraine_support };

std::string_view to_string(TableKind kind);
std::optional<TableKind> parse_table_kind(std::string_view text);

// A value of a row that vigil did not take as given (an unreadable number is left out, the
// rest of the row kept), with its line and column.
struct TableWarning {
  std::uint64_t line = 0;
  std::string message;
};

struct CommitmentsTable {
  TableKind kind = TableKind::nato_defence_expenditure;
  std::vector<DefenceSpending> spending;  // kind nato_defence_expenditure
  std::vector<UkraineSupport> support;    // kind ukraine_support
  std::vector<TableWarning> warnings;
};

// A file that is neither table, or one whose columns are not those documented: the message
// names the file, the columns missing and the columns found.
class CommitmentsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads either table, telling them apart by their header row.
CommitmentsTable read_commitments_table(const std::string& path);

// NATO's aggregates ("NATO Total", "NATO Europe and Canada") are rows of the table but not
// allies.
bool is_nato_aggregate(std::string_view country);

// One name per country across both tables: the two spell some countries differently
// ("Czechia" and "Czech Republic", "Türkiye" and "Turkey", "Slovak Republic" and "Slovakia").
std::string canonical_country(std::string_view name);

}  // namespace vigil::commitments

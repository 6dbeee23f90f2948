#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "vigil/io/text_escape.hpp"

namespace vigil::io {
namespace {

TEST(TextEscape, JsonStringsParseBackAndInvalidUtf8BecomesTheReplacementCharacter) {
  std::string out;
  append_json_string(out, "a\"b\\c\n\x01\xc3\xa9");
  EXPECT_EQ(nlohmann::json::parse(out).get<std::string>(), "a\"b\\c\n\x01\xc3\xa9");
  out.clear();
  append_json_string(out, "x\xff");
  EXPECT_EQ(nlohmann::json::parse(out).get<std::string>(), "x\xef\xbf\xbd");
}

TEST(TextEscape, CsvCellsAreQuotedOnlyWhenTheyMustBe) {
  std::string out;
  append_csv_cell(out, "plain");
  out += ',';
  append_csv_cell(out, "a,\"b\"");
  EXPECT_EQ(out, "plain,\"a,\"\"b\"\"\"");
}

TEST(TextEscape, MarkupTextCannotOpenATagOrCloseAnAttribute) {
  EXPECT_EQ(markup_text("<script>\"x\" & y</script>"),
            "&lt;script&gt;&quot;x&quot; &amp; y&lt;/script&gt;");
  EXPECT_EQ(markup_text("Донецьк"), "Донецьк");
}

}  // namespace
}  // namespace vigil::io

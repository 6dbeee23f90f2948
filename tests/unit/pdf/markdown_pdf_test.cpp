#include "vigil/pdf/markdown_pdf.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>

#include <fmt/format.h>

#include "support/temp_dir.hpp"
#include "vigil/core/plugin.hpp"

// The PDFs are read back by poppler's pdftotext and pdfinfo (Debian's poppler-utils), as a
// reader's viewer would open them.
namespace vigil::pdf {
namespace {

std::string command_output(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return out;
  char buffer[4096];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;)
    out.append(buffer, n);
  pclose(pipe);
  return out;
}

struct Read {
  int pages = 0;
  std::string title;
  std::string text;  // pdftotext's, pages separated by form feeds
};

Read read_back(const std::string& pdf) {
  test::TempDir dir;
  const auto path = dir.write("out.pdf", pdf);
  Read r;
  const auto info = command_output("pdfinfo " + path);
  std::smatch m;
  if (std::regex_search(info, m, std::regex(R"(Pages:\s+(\d+))"))) r.pages = std::stoi(m[1]);
  if (std::regex_search(info, m, std::regex(R"(Title:\s+([^\n]*))"))) r.title = m[1];
  r.text = command_output("pdftotext -raw " + path + " -");
  return r;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}

const std::string kMap =
    R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300" width="400" height="300">)"
    R"(<rect width="400" height="300" fill="#cfe0ea"/><text x="20" y="40">MAPLABEL</text></svg>)";

TEST(MarkdownPdf, HeadingsParagraphsListsAndAnImage) {
  const std::string markdown =
      "# Daily report of 2025-02-21\n\n## Summary\n\nSettlement: **Minsk II**, *line* `donbas`."
      "\n\n- 150 ceasefire violations\n- 113 weapons\n\n![Map of the day](day.svg)\n\n"
      "![Not given](missing.svg)\n";
  const auto pdf = markdown_to_pdf(markdown, [](std::string_view address) {
    return address == "day.svg" ? std::optional<std::string>(kMap) : std::nullopt;
  });
  ASSERT_EQ(pdf.rfind("%PDF-", 0), 0u);
  const auto r = read_back(pdf);
  EXPECT_EQ(r.pages, 1);
  EXPECT_EQ(r.title, "Daily report of 2025-02-21");
  for (const char* words :
       {"Daily report of 2025-02-21", "Summary", "Settlement: Minsk II, line donbas.",
        "150 ceasefire violations", "113 weapons", "MAPLABEL", "[Not given]", "page 1 of 1"})
    EXPECT_NE(r.text.find(words), std::string::npos) << words << " in:\n" << r.text;
}

// A table longer than a page runs onto the next ones with its header on each, and every row
// is there once, in order; the footers count the pages.
TEST(MarkdownPdf, ALongTableRepeatsItsHeaderOnEveryPage) {
  std::string markdown = "# Incidents\n\n| time | where | events |\n|---|---|---|\n";
  for (int i = 0; i < 150; ++i)
    markdown += fmt::format("| 10:{:02} | {} km SE of Horlivka (Donetsk) | {} |\n", i % 60, i, i);
  const auto r = read_back(markdown_to_pdf(markdown, {}));
  ASSERT_GE(r.pages, 3);
  EXPECT_EQ(count(r.text, "time where events"), static_cast<std::size_t>(r.pages)) << r.text;
  std::size_t at = 0;
  for (int i = 0; i < 150; ++i) {
    at = r.text.find(fmt::format("{} km SE of Horlivka (Donetsk) {}", i, i), at);
    ASSERT_NE(at, std::string::npos) << "row " << i;
  }
  EXPECT_NE(r.text.find(fmt::format("page {} of {}", r.pages, r.pages)), std::string::npos);
}

// A table wider than the page is wrapped to it: long ids break rather than run off the edge.
TEST(MarkdownPdf, AWideTableIsWrappedToThePage) {
  std::string markdown = "| incident | rule | sources |\n|---|---|---|\n";
  const std::string id(64, 'a');
  markdown += "| " + id + " | ceasefire.weapon_in_zone | patrol:P-1, uav:U-2, camera:C-13 |\n";
  const auto r = read_back(markdown_to_pdf(markdown, {}));
  EXPECT_EQ(r.pages, 1);
  EXPECT_EQ(r.text.find(id), std::string::npos) << "the id is broken over lines";
  std::string letters;
  for (char c : r.text)
    if (c == 'a' || c == '\n') letters += c;
  EXPECT_NE(letters.find(std::string(20, 'a')), std::string::npos) << "the id is there, in pieces";
  EXPECT_NE(r.text.find("camera:C-13"), std::string::npos) << r.text;
}

TEST(MarkdownPdf, TheSameMarkdownAndDateGiveTheSameBytes) {
  const PdfOptions options{.created = "2025-02-22T06:00:00Z", .author = "vigil"};
  const std::string markdown = "# Report\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
  EXPECT_EQ(markdown_to_pdf(markdown, {}, options), markdown_to_pdf(markdown, {}, options));
}

TEST(MarkdownPdf, MarkupInTheTextIsPrintedNotObeyed) {
  const auto r = read_back(markdown_to_pdf("Attack at <b>dawn</b> & <span>noon</span>\n", {}));
  EXPECT_NE(r.text.find("Attack at <b>dawn</b> & <span>noon</span>"), std::string::npos) << r.text;
}

TEST(MarkdownPdf, AnImageThatIsNotSvgPrintsItsAltText) {
  const auto r = read_back(markdown_to_pdf("![Map of the day](day.svg)\n", [](std::string_view) {
    return std::optional<std::string>("<not svg");
  }));
  EXPECT_NE(r.text.find("[Map of the day: the image could not be drawn]"), std::string::npos)
      << r.text;
}

TEST(MarkdownPdf, MarkdownThatIsNotUtf8IsRefused) {
  EXPECT_THROW(markdown_to_pdf("caf\xe9\n", {}), std::runtime_error);
}

// The renderer's libraries (Pango, Cairo, librsvg, cmark-gfm) are a plugin: not in a program
// until it first renders, then loaded once.
std::string mapped_files() {
  std::ifstream in("/proc/self/maps");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(MarkdownPdf, TheRendererIsAPluginLoadedOnFirstUse) {
  markdown_to_pdf("# Loaded\n", {});
  const std::string maps = mapped_files();
  EXPECT_NE(maps.find("libvigil_pdf_renderer.so"), std::string::npos);
  EXPECT_NE(maps.find("libpango"), std::string::npos);
  try {
    plugin_entry("libvigil_pdf_renderer.so", "vigil_no_such_entry");
    FAIL() << "found an entry the plugin does not have";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("vigil_no_such_entry"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace vigil::pdf

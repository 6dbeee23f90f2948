// libFuzzer target for Markdown to PDF: any text through cmark-gfm and the layout (headings,
// lists, tables of any shape, images that are and are not SVG). Valid UTF-8 must come out as a
// PDF; anything else must be refused with std::runtime_error, never a crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "vigil/pdf/renderer.hpp"

namespace {

const std::string kMap =
    R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 30" width="40" height="30">)"
    R"(<rect width="40" height="30" fill="#cfe0ea"/></svg>)";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view markdown(reinterpret_cast<const char*>(data), size);
  // "map.svg" is the map; "bad.svg" is text that is not SVG; anything else is not given.
  const vigil::pdf::ImageSource images =
      [](std::string_view address) -> std::optional<std::string> {
    if (address == "map.svg") return kMap;
    if (address == "bad.svg") return std::string("<svg");
    return std::nullopt;
  };
  try {
    // The renderer is linked in (the command line loads it as a plugin), so that libFuzzer's
    // coverage sees it from the first input.
    const auto pdf = vigil_pdf_renderer()->markdown_to_pdf(markdown, images,
                                                           {.created = "2025-02-21T00:00:00Z"});
    if (pdf.rfind("%PDF-", 0) != 0 || pdf.find("%%EOF") == std::string::npos) std::abort();
  } catch (const std::runtime_error&) {
    // Not UTF-8: refused, as it should be.
  }
  return 0;
}

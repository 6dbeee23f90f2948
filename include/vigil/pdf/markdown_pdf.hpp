#pragma once

// Markdown as a printable PDF (A4): headings, paragraphs, lists, GitHub tables (wrapped to
// the page, their header repeated on each page they run onto) and SVG images, with a footer
// of the document's title and "page N of M". The reports are written as Markdown first, so
// a published report's PDF is drawn from the very text and map its log record seals.
//
// Parsing is cmark-gfm's (CommonMark with GitHub's tables), layout Pango's, drawing Cairo's
// and SVG librsvg's: Debian's own libraries, where a hand-written PDF writer would have to
// embed and shape fonts itself.

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace vigil::pdf {

// The SVG text of an image the Markdown refers to by `address`, or nothing (its alt text is
// printed instead).
using ImageSource = std::function<std::optional<std::string>(std::string_view address)>;

struct PdfOptions {
  // The document's creation time in the PDF's metadata (ISO 8601, "2025-02-21T00:00:00Z"):
  // given, the same Markdown gives the same bytes.
  std::string created;
  std::string author;  // the metadata's author, "" for none
};

// Throws std::runtime_error when Cairo cannot draw (out of memory) or the Markdown is not
// UTF-8.
std::string markdown_to_pdf(std::string_view markdown, const ImageSource& images,
                            const PdfOptions& options = {});

}  // namespace vigil::pdf

#include "vigil/pdf/markdown_pdf.hpp"

#include "vigil/core/plugin.hpp"
#include "vigil/pdf/renderer.hpp"

namespace vigil::pdf {

std::string markdown_to_pdf(std::string_view markdown, const ImageSource& images,
                            const PdfOptions& options) {
  static const Renderer* const renderer = reinterpret_cast<decltype(&vigil_pdf_renderer)>(
      plugin_entry("libvigil_pdf_renderer.so", "vigil_pdf_renderer"))();
  return renderer->markdown_to_pdf(markdown, images, options);
}

}  // namespace vigil::pdf

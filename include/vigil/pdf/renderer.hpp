#pragma once

// The PDF renderer as a plugin (libvigil_pdf_renderer.so, vigil/core/plugin.hpp): what
// markdown_to_pdf() finds in it. Only the fuzz target links the renderer into its program.

#include "vigil/pdf/markdown_pdf.hpp"

namespace vigil::pdf {

struct Renderer {
  std::string (*markdown_to_pdf)(std::string_view markdown, const ImageSource& images,
                                 const PdfOptions& options);
};

}  // namespace vigil::pdf

extern "C" const vigil::pdf::Renderer* vigil_pdf_renderer();

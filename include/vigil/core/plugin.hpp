#pragma once

#include <string>

namespace vigil {

// The PDF renderer (Pango, Cairo, librsvg) and the GIS writer (GDAL) are plugins, shared
// libraries loaded the first time a command or request needs them: linked into the program,
// their hundred-odd libraries were mapped and relocated at every start of every command
// (65 ms of CPU, 145 ms under ASan, 26 MiB), though few commands write a PDF or a GeoPackage.
//
// The address of the C function `entry` in the plugin `file` ("libvigil_pdf_renderer.so"),
// which is loaded once: from the directory of the running program, else from the directory the
// build wrote it to. Throws std::runtime_error naming the file and the loader's reason when
// neither has it.
void* plugin_entry(const std::string& file, const char* entry);

}  // namespace vigil

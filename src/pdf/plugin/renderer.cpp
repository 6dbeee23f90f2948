// The PDF renderer plugin (vigil/pdf/renderer.hpp): cmark-gfm's tree of the Markdown, laid out
// by Pango on Cairo's PDF surface, page by page.
#include "vigil/pdf/renderer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <vector>

#include <cairo-pdf.h>
#include <cairo.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <librsvg/rsvg.h>
#include <pango/pangocairo.h>

#include <fmt/format.h>

namespace vigil::pdf {
namespace {

// A4 in points, with room at the foot for the page's footer.
constexpr double kPageWidth = 595.276;
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 46;
constexpr double kFooterGap = 22;
constexpr double kBottom = kPageHeight - kMargin - kFooterGap;
constexpr double kContentWidth = kPageWidth - 2 * kMargin;
constexpr double kBodySize = 9.5;
constexpr double kTableSize = 7.5;
constexpr double kCellPadX = 3;
constexpr double kCellPadY = 2;
// A word wider than this (a 64-digit hash) may break anywhere rather than take a column's room.
constexpr double kLongestWord = 70;
// DejaVu is Debian's default sans; fontconfig substitutes another when it is absent.
constexpr const char* kFamily = "DejaVu Sans";

template <auto Free>
struct Deleter {
  template <class T>
  void operator()(T* p) const {
    if (p) Free(p);
  }
};
using ParserPtr = std::unique_ptr<cmark_parser, Deleter<cmark_parser_free>>;
using NodePtr = std::unique_ptr<cmark_node, Deleter<cmark_node_free>>;
using SurfacePtr = std::unique_ptr<cairo_surface_t, Deleter<cairo_surface_destroy>>;
using CairoPtr = std::unique_ptr<cairo_t, Deleter<cairo_destroy>>;
using FontPtr = std::unique_ptr<PangoFontDescription, Deleter<pango_font_description_free>>;
struct GObjectDeleter {
  void operator()(gpointer p) const {
    if (p) g_object_unref(p);
  }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectDeleter>;
using ContextPtr = std::unique_ptr<PangoContext, GObjectDeleter>;
using SvgPtr = std::unique_ptr<RsvgHandle, GObjectDeleter>;

std::string escape(std::string_view text) {
  gchar* escaped = g_markup_escape_text(text.data(), static_cast<gssize>(text.size()));
  std::string out(escaped);
  g_free(escaped);
  return out;
}

std::string_view type_name(cmark_node* node) {
  const char* name = cmark_node_get_type_string(node);
  return name ? name : "";
}

std::string literal(cmark_node* node) {
  const char* text = cmark_node_get_literal(node);
  return text ? text : "";
}

std::string plain_text(cmark_node* node) {
  std::string out;
  for (auto* child = cmark_node_first_child(node); child; child = cmark_node_next(child)) {
    switch (cmark_node_get_type(child)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
      case CMARK_NODE_HTML_INLINE:
        out += literal(child);
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        out += ' ';
        break;
      default:
        out += plain_text(child);
    }
  }
  return out;
}

// Pango markup of a block's inline content.
void inline_markup(cmark_node* node, std::string& out) {
  for (auto* child = cmark_node_first_child(node); child; child = cmark_node_next(child)) {
    switch (cmark_node_get_type(child)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_HTML_INLINE:
        out += escape(literal(child));
        break;
      case CMARK_NODE_CODE:
        out += "<tt>" + escape(literal(child)) + "</tt>";
        break;
      case CMARK_NODE_EMPH:
        out += "<i>";
        inline_markup(child, out);
        out += "</i>";
        break;
      case CMARK_NODE_STRONG:
        out += "<b>";
        inline_markup(child, out);
        out += "</b>";
        break;
      case CMARK_NODE_LINK:
        out += "<span foreground=\"#1a5fb4\" underline=\"single\">";
        inline_markup(child, out);
        out += "</span>";
        break;
      case CMARK_NODE_IMAGE:
        out += "[" + escape(plain_text(child)) + "]";
        break;
      case CMARK_NODE_SOFTBREAK:
        out += ' ';
        break;
      case CMARK_NODE_LINEBREAK:
        out += '\n';
        break;
      default:
        if (type_name(child) == "strikethrough") {
          out += "<s>";
          inline_markup(child, out);
          out += "</s>";
        } else {
          inline_markup(child, out);
        }
    }
  }
}

std::string inline_markup(cmark_node* node) {
  std::string out;
  inline_markup(node, out);
  return out;
}

struct Cell {
  std::string markup;
};
struct TableRows {
  std::vector<std::vector<Cell>> rows;  // the first is the header
  std::vector<bool> right_aligned;
};

// A body cell reads as a figure (a count, "110 607.9", a change "+3", "79%", "=", "no data"):
// its column is right-aligned as figures are in print. Times and ids are not figures.
bool numeric(std::string_view text) {
  if (text.empty() || text == "=" || text == "no data") return true;
  static constexpr std::string_view kThinSpace = "\u2009";
  if (text.front() == '+' || text.front() == '-') text.remove_prefix(1);
  if (!text.empty() && text.back() == '%') text.remove_suffix(1);
  if (text.empty() || text.front() < '0' || text.front() > '9') return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i, kThinSpace.size()) == kThinSpace) {
      i += kThinSpace.size() - 1;
      continue;
    }
    const char c = text[i];
    if ((c < '0' || c > '9') && c != '.') return false;
  }
  return true;
}

TableRows read_table(cmark_node* table) {
  TableRows out;
  std::vector<bool> all_numeric;
  bool header = true;
  for (auto* row = cmark_node_first_child(table); row; row = cmark_node_next(row)) {
    std::vector<Cell> cells;
    std::size_t column = 0;
    for (auto* cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell), ++column) {
      cells.push_back({inline_markup(cell)});
      if (all_numeric.size() <= column) all_numeric.push_back(true);
      if (!header && !numeric(plain_text(cell))) all_numeric[column] = false;
    }
    out.rows.push_back(std::move(cells));
    header = false;
  }
  out.right_aligned = out.rows.size() > 1 ? all_numeric : std::vector<bool>(all_numeric.size());
  return out;
}

class Writer {
 public:
  Writer(cairo_t* cr, int total_pages) : cr_(cr), total_pages_(total_pages) {
    context_.reset(pango_cairo_create_context(cr_));
    // Sizes in points, as Cairo's PDF units are: Pango's default is 96 dpi.
    pango_cairo_context_set_resolution(context_.get(), 72);
  }

  void heading(int level, cmark_node* node) {
    if (level == 1 && title_.empty()) title_ = plain_text(node);
    const double size = level == 1 ? 16 : level == 2 ? 12.5 : 10.5;
    auto layout = text("<b>" + inline_markup(node) + "</b>", size, kContentWidth);
    const double height = layout_height(layout.get());
    y_ += level == 1 ? 0 : 8;
    // A heading keeps the first lines of what follows on its page.
    ensure(height + 36);
    draw_lines(layout.get(), kMargin, "#1d2733");
    if (level == 2) {
      cairo_set_source_rgb(cr_, 0.75, 0.78, 0.82);
      cairo_set_line_width(cr_, 0.6);
      cairo_move_to(cr_, kMargin, y_ + 1.5);
      cairo_line_to(cr_, kMargin + kContentWidth, y_ + 1.5);
      cairo_stroke(cr_);
    }
    y_ += level == 1 ? 8 : 6;
  }

  void paragraph(const std::string& markup, double indent, const std::string& marker = {}) {
    auto layout = text(markup, kBodySize, kContentWidth - indent);
    ensure(std::min(layout_height(layout.get()), 2 * kBodySize * 1.3));
    if (!marker.empty()) {
      auto bullet = text(marker, kBodySize, 12);
      draw_at(bullet.get(), kMargin + indent - 11, y_);
    }
    draw_lines(layout.get(), kMargin + indent, "#1d2733");
    y_ += 5;
  }

  void code(const std::string& text_block, double indent) {
    auto layout =
        text("<tt>" + escape(text_block) + "</tt>", kBodySize - 1, kContentWidth - indent);
    draw_lines(layout.get(), kMargin + indent, "#333333");
    y_ += 5;
  }

  void rule() {
    ensure(10);
    cairo_set_source_rgb(cr_, 0.8, 0.8, 0.8);
    cairo_set_line_width(cr_, 0.5);
    cairo_move_to(cr_, kMargin, y_ + 4);
    cairo_line_to(cr_, kMargin + kContentWidth, y_ + 4);
    cairo_stroke(cr_);
    y_ += 10;
  }

  void table(const TableRows& t) {
    if (t.rows.empty()) return;
    const std::size_t columns = t.right_aligned.size();
    std::vector<double> natural(columns, 0), shortest(columns, 0);
    for (const auto& row : t.rows)
      for (std::size_t c = 0; c < row.size() && c < columns; ++c) {
        auto layout = text(row[c].markup, kTableSize, -1, &row == &t.rows.front());
        natural[c] = std::max(natural[c], layout_width(layout.get()));
        // Laid out one point wide, a cell is as wide as its longest word.
        pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD);
        pango_layout_set_width(layout.get(), PANGO_SCALE);
        shortest[c] = std::max(shortest[c], std::min(layout_width(layout.get()), kLongestWord));
      }
    widths_ = column_widths(natural, shortest);
    ensure(3 * (kTableSize * 1.3 + 2 * kCellPadY));
    row(t.rows.front(), t.right_aligned, true);
    for (std::size_t r = 1; r < t.rows.size(); ++r) {
      const double height = row_height(t.rows[r]);
      if (y_ + height > kBottom) {
        next_page();
        row(t.rows.front(), t.right_aligned, true);  // the header again on the new page
      }
      row(t.rows[r], t.right_aligned, false);
    }
    y_ += 8;
  }

  void image(const std::string& svg, const std::string& alt) {
    GError* error = nullptr;
    SvgPtr handle(
        rsvg_handle_new_from_data(reinterpret_cast<const guint8*>(svg.data()), svg.size(), &error));
    double width = 0, height = 0;
    if (!handle || !rsvg_handle_get_intrinsic_size_in_pixels(handle.get(), &width, &height) ||
        width <= 0 || height <= 0) {
      if (error) g_error_free(error);
      paragraph("<i>[" + escape(alt) + ": the image could not be drawn]</i>", 0);
      return;
    }
    const double scale = std::min(kContentWidth / width, (kBottom - kMargin) / height);
    const double w = width * scale, h = height * scale;
    ensure(h);
    RsvgRectangle viewport{kMargin + (kContentWidth - w) / 2, y_, w, h};
    cairo_save(cr_);
    // What an image draws outside its viewBox stays off the page, as a browser clips it.
    cairo_rectangle(cr_, viewport.x, viewport.y, viewport.width, viewport.height);
    cairo_clip(cr_);
    const bool drawn = rsvg_handle_render_document(handle.get(), cr_, &viewport, &error);
    cairo_restore(cr_);
    if (error) g_error_free(error);
    if (!drawn) {
      paragraph("<i>[" + escape(alt) + ": the image could not be drawn]</i>", 0);
      return;
    }
    y_ += h + 8;
  }

  int finish() {
    footer();
    cairo_show_page(cr_);
    return page_;
  }
  const std::string& title() const { return title_; }

 private:
  LayoutPtr text(const std::string& markup, double size, double width, bool bold = false) {
    LayoutPtr layout(pango_layout_new(context_.get()));
    FontPtr font(pango_font_description_from_string(
        fmt::format("{} {}{}", kFamily, bold ? "Bold " : "", size).c_str()));
    pango_layout_set_font_description(layout.get(), font.get());
    if (width > 0) {
      pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
      pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_spacing(layout.get(), static_cast<int>(size * 0.25 * PANGO_SCALE));
    // Markup comes from escaped text and the tags above; if Pango still refuses it, the text
    // is printed as it is rather than lost.
    GError* error = nullptr;
    PangoAttrList* attributes = nullptr;
    char* plain = nullptr;
    if (pango_parse_markup(markup.c_str(), -1, 0, &attributes, &plain, nullptr, &error)) {
      pango_layout_set_text(layout.get(), plain, -1);
      pango_layout_set_attributes(layout.get(), attributes);
      pango_attr_list_unref(attributes);
      g_free(plain);
    } else {
      g_error_free(error);
      pango_layout_set_text(layout.get(), markup.c_str(), -1);
    }
    return layout;
  }

  static double layout_height(PangoLayout* layout) {
    int w = 0, h = 0;
    pango_layout_get_size(layout, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }
  static double layout_width(PangoLayout* layout) {
    PangoRectangle logical;
    pango_layout_get_extents(layout, nullptr, &logical);
    return static_cast<double>(logical.width) / PANGO_SCALE;
  }

  void draw_at(PangoLayout* layout, double x, double y) {
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, layout);
  }

  // Line by line, so that a paragraph longer than what is left of the page runs onto the next.
  void draw_lines(PangoLayout* layout, double x, const char* colour) {
    PangoLayoutIter* iter = pango_layout_get_iter(layout);
    do {
      PangoRectangle line;
      pango_layout_iter_get_line_extents(iter, nullptr, &line);
      const double top = static_cast<double>(line.y) / PANGO_SCALE;
      const double height = static_cast<double>(line.height) / PANGO_SCALE;
      const double baseline =
          static_cast<double>(pango_layout_iter_get_baseline(iter)) / PANGO_SCALE;
      if (y_ + height > kBottom && y_ > kMargin) next_page();
      set_colour(colour);
      cairo_move_to(cr_, x, y_ + (baseline - top));
      pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(iter));
      y_ += height + (pango_layout_get_spacing(layout) / static_cast<double>(PANGO_SCALE));
    } while (pango_layout_iter_next_line(iter));
    y_ -= pango_layout_get_spacing(layout) / static_cast<double>(PANGO_SCALE);
    pango_layout_iter_free(iter);
  }

  void set_colour(const char* hex) {
    unsigned r = 0, g = 0, b = 0;
    std::sscanf(hex, "#%02x%02x%02x", &r, &g, &b);
    cairo_set_source_rgb(cr_, r / 255.0, g / 255.0, b / 255.0);
  }

  std::vector<double> column_widths(const std::vector<double>& natural,
                                    const std::vector<double>& shortest) const {
    const std::size_t n = natural.size();
    std::vector<double> widths(n);
    double natural_sum = 0, shortest_sum = 0;
    for (std::size_t c = 0; c < n; ++c) {
      natural_sum += natural[c] + 2 * kCellPadX;
      shortest_sum += shortest[c] + 2 * kCellPadX;
    }
    if (natural_sum <= kContentWidth) {
      for (std::size_t c = 0; c < n; ++c)
        widths[c] = natural[c] + 2 * kCellPadX;
    } else if (shortest_sum >= kContentWidth) {
      for (std::size_t c = 0; c < n; ++c)
        widths[c] = (shortest[c] + 2 * kCellPadX) * kContentWidth / shortest_sum;
    } else {
      // Every column gets its longest word; what is left goes where wrapping costs most.
      const double spare = kContentWidth - shortest_sum;
      const double wanted = natural_sum - shortest_sum;
      for (std::size_t c = 0; c < n; ++c)
        widths[c] = shortest[c] + 2 * kCellPadX + spare * (natural[c] - shortest[c]) / wanted;
    }
    return widths;
  }

  double row_height(const std::vector<Cell>& cells) {
    double height = 0;
    for (std::size_t c = 0; c < cells.size() && c < widths_.size(); ++c) {
      auto layout = text(cells[c].markup, kTableSize, widths_[c] - 2 * kCellPadX);
      height = std::max(height, layout_height(layout.get()));
    }
    return height + 2 * kCellPadY;
  }

  void row(const std::vector<Cell>& cells, const std::vector<bool>& right, bool header) {
    const double height = row_height(cells);
    if (header) {
      cairo_set_source_rgb(cr_, 0.91, 0.92, 0.93);
      cairo_rectangle(cr_, kMargin, y_, sum(widths_), height);
      cairo_fill(cr_);
    }
    double x = kMargin;
    for (std::size_t c = 0; c < cells.size() && c < widths_.size(); ++c) {
      auto layout = text(cells[c].markup, kTableSize, widths_[c] - 2 * kCellPadX, header);
      if (right[c]) pango_layout_set_alignment(layout.get(), PANGO_ALIGN_RIGHT);
      set_colour("#1d2733");
      draw_at(layout.get(), x + kCellPadX, y_ + kCellPadY);
      x += widths_[c];
    }
    y_ += height;
    cairo_set_source_rgb(cr_, 0.82, 0.84, 0.86);
    cairo_set_line_width(cr_, header ? 0.6 : 0.3);
    cairo_move_to(cr_, kMargin, y_);
    cairo_line_to(cr_, kMargin + sum(widths_), y_);
    cairo_stroke(cr_);
  }

  static double sum(const std::vector<double>& v) {
    double s = 0;
    for (double x : v)
      s += x;
    return s;
  }

  void ensure(double height) {
    if (y_ + height > kBottom && y_ > kMargin) next_page();
  }

  void next_page() {
    footer();
    cairo_show_page(cr_);
    ++page_;
    y_ = kMargin;
  }

  void footer() {
    const double baseline = kPageHeight - kMargin + 4;
    cairo_set_source_rgb(cr_, 0.8, 0.8, 0.8);
    cairo_set_line_width(cr_, 0.4);
    cairo_move_to(cr_, kMargin, baseline - 12);
    cairo_line_to(cr_, kMargin + kContentWidth, baseline - 12);
    cairo_stroke(cr_);
    auto left = text(escape(title_), 7, kContentWidth * 0.75);
    pango_layout_set_ellipsize(left.get(), PANGO_ELLIPSIZE_END);
    set_colour("#6b7785");
    draw_at(left.get(), kMargin, baseline - 8);
    const std::string page = total_pages_ > 0 ? fmt::format("page {} of {}", page_, total_pages_)
                                              : fmt::format("page {}", page_);
    auto right = text(escape(page), 7, kContentWidth);
    pango_layout_set_alignment(right.get(), PANGO_ALIGN_RIGHT);
    draw_at(right.get(), kMargin, baseline - 8);
  }

  cairo_t* cr_;
  ContextPtr context_;
  int total_pages_;
  int page_ = 1;
  double y_ = kMargin;
  std::string title_;
  std::vector<double> widths_;
};

void block(cmark_node* node, Writer& out, const ImageSource& images, double indent);

void blocks(cmark_node* parent, Writer& out, const ImageSource& images, double indent) {
  for (auto* node = cmark_node_first_child(parent); node; node = cmark_node_next(node))
    block(node, out, images, indent);
}

void list(cmark_node* node, Writer& out, const ImageSource& images, double indent) {
  const bool ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
  int number = ordered ? cmark_node_get_list_start(node) : 0;
  for (auto* item = cmark_node_first_child(node); item; item = cmark_node_next(item)) {
    std::string marker = ordered ? fmt::format("{}.", number++) : "•";
    for (auto* child = cmark_node_first_child(item); child; child = cmark_node_next(child)) {
      if (cmark_node_get_type(child) == CMARK_NODE_PARAGRAPH)
        out.paragraph(inline_markup(child), indent + 14, marker);
      else
        block(child, out, images, indent + 14);
      marker.clear();  // on the item's first paragraph only
    }
  }
}

void block(cmark_node* node, Writer& out, const ImageSource& images, double indent) {
  switch (cmark_node_get_type(node)) {
    case CMARK_NODE_HEADING:
      out.heading(cmark_node_get_heading_level(node), node);
      break;
    case CMARK_NODE_PARAGRAPH: {
      // A paragraph of one image is the image, drawn.
      auto* only = cmark_node_first_child(node);
      if (only && !cmark_node_next(only) && cmark_node_get_type(only) == CMARK_NODE_IMAGE) {
        const char* url = cmark_node_get_url(only);
        const auto svg = images ? images(url ? url : "") : std::nullopt;
        if (svg) {
          out.image(*svg, plain_text(only));
          break;
        }
      }
      out.paragraph(inline_markup(node), indent);
      break;
    }
    case CMARK_NODE_LIST:
      list(node, out, images, indent);
      break;
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_HTML_BLOCK:
      out.code(literal(node), indent);
      break;
    case CMARK_NODE_THEMATIC_BREAK:
      out.rule();
      break;
    case CMARK_NODE_BLOCK_QUOTE:
      blocks(node, out, images, indent + 14);
      break;
    default:
      if (type_name(node) == "table")
        out.table(read_table(node));
      else
        blocks(node, out, images, indent);
  }
}

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct Pass {
  int pages = 0;
  std::string title;  // the first level-1 heading's text
};

// One pass over the document.
Pass render(cmark_node* document, const ImageSource& images, const PdfOptions& options,
            const Pass& before, std::string& pdf) {
  SurfacePtr surface(cairo_pdf_surface_create_for_stream(append, &pdf, kPageWidth, kPageHeight));
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "vigil");
  if (!options.created.empty())
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE,
                                   options.created.c_str());
  if (!options.author.empty())
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR,
                                   options.author.c_str());
  if (!before.title.empty())
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, before.title.c_str());
  CairoPtr cr(cairo_create(surface.get()));
  Writer writer(cr.get(), before.pages);
  blocks(document, writer, images, 0);
  const Pass pass{writer.finish(), writer.title()};
  cr.reset();
  cairo_surface_finish(surface.get());
  if (const auto status = cairo_surface_status(surface.get()); status != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("PDF: ") + cairo_status_to_string(status));
  return pass;
}

std::string render_pdf(std::string_view markdown, const ImageSource& images,
                       const PdfOptions& options) {
  if (!g_utf8_validate(markdown.data(), static_cast<gssize>(markdown.size()), nullptr))
    throw std::runtime_error("PDF: the Markdown is not UTF-8");
  cmark_gfm_core_extensions_ensure_registered();
  ParserPtr parser(cmark_parser_new(CMARK_OPT_DEFAULT));
  if (auto* tables = cmark_find_syntax_extension("table"))
    cmark_parser_attach_syntax_extension(parser.get(), tables);
  if (auto* strike = cmark_find_syntax_extension("strikethrough"))
    cmark_parser_attach_syntax_extension(parser.get(), strike);
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  NodePtr document(cmark_parser_finish(parser.get()));
  // Twice: the first pass counts the pages the footers' "page N of M" need, and finds the title
  // the metadata needs.
  std::string pdf;
  const Pass first = render(document.get(), images, options, {}, pdf);
  pdf.clear();
  render(document.get(), images, options, first, pdf);
  return pdf;
}

}  // namespace

}  // namespace vigil::pdf

extern "C" const vigil::pdf::Renderer* vigil_pdf_renderer() {
  static const vigil::pdf::Renderer renderer{&vigil::pdf::render_pdf};
  return &renderer;
}

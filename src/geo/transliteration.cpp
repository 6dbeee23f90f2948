#include <cctype>
#include <cstdint>
#include <optional>
#include <string>

#include "vigil/geo/gazetteer.hpp"

namespace vigil::geo {
namespace {

// The Latin for one lower-case Cyrillic letter: at the start of a word, and elsewhere (the
// two differ for є, ї, й, ю, я only). Letters of Russian that Ukrainian lacks are given their
// nearest Ukrainian reading, so that a Russian spelling still comes out readable.
struct Latin {
  const char* initial;
  const char* within;
};

std::optional<Latin> latin_of(char32_t lower) {
  switch (lower) {
    case U'а':
      return Latin{"a", "a"};
    case U'б':
      return Latin{"b", "b"};
    case U'в':
      return Latin{"v", "v"};
    case U'г':
      return Latin{"h", "h"};
    case U'ґ':
      return Latin{"g", "g"};
    case U'д':
      return Latin{"d", "d"};
    case U'е':
      return Latin{"e", "e"};
    case U'є':
      return Latin{"ye", "ie"};
    case U'ж':
      return Latin{"zh", "zh"};
    case U'з':
      return Latin{"z", "z"};
    case U'и':
      return Latin{"y", "y"};
    case U'і':
      return Latin{"i", "i"};
    case U'ї':
      return Latin{"yi", "i"};
    case U'й':
      return Latin{"y", "i"};
    case U'к':
      return Latin{"k", "k"};
    case U'л':
      return Latin{"l", "l"};
    case U'м':
      return Latin{"m", "m"};
    case U'н':
      return Latin{"n", "n"};
    case U'о':
      return Latin{"o", "o"};
    case U'п':
      return Latin{"p", "p"};
    case U'р':
      return Latin{"r", "r"};
    case U'с':
      return Latin{"s", "s"};
    case U'т':
      return Latin{"t", "t"};
    case U'у':
      return Latin{"u", "u"};
    case U'ф':
      return Latin{"f", "f"};
    case U'х':
      return Latin{"kh", "kh"};
    case U'ц':
      return Latin{"ts", "ts"};
    case U'ч':
      return Latin{"ch", "ch"};
    case U'ш':
      return Latin{"sh", "sh"};
    case U'щ':
      return Latin{"shch", "shch"};
    case U'ь':
      return Latin{"", ""};
    case U'ю':
      return Latin{"yu", "iu"};
    case U'я':
      return Latin{"ya", "ia"};
    case U'ы':
      return Latin{"y", "y"};
    case U'э':
      return Latin{"e", "e"};
    case U'ё':
      return Latin{"yo", "io"};
    case U'ъ':
      return Latin{"", ""};
    default:
      return std::nullopt;
  }
}

// Cyrillic capitals of U+0410..U+042F sit 0x20 below their small letters; Ukrainian's own
// (Є, І, Ї, Ґ, and Ё) sit 0x50 below, or one below for Ґ.
char32_t to_lower(char32_t c) {
  if (c >= U'А' && c <= U'Я') return c + 0x20;
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;
  if (c == U'Ґ') return U'ґ';
  return c;
}

bool is_apostrophe(char32_t c) {
  return c == U'\'' || c == U'ʼ' || c == U'’' || c == U'`';
}

// One code point from UTF-8 at text[i], advancing i; a malformed byte is returned as itself.
char32_t next_code_point(const std::string& text, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = lead < 0x80           ? 1
                       : (lead >> 5) == 0x6  ? 2
                       : (lead >> 4) == 0xE  ? 3
                       : (lead >> 3) == 0x1E ? 4
                                             : 0;
  if (length == 0 || i + length > text.size()) {
    ++i;
    return lead;
  }
  char32_t c = length == 1 ? lead : lead & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return lead;
    }
    c = (c << 6) | (byte(i + k) & 0x3F);
  }
  i += length;
  return c;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

}  // namespace

std::string transliterate_ukrainian(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  bool word_start = true;
  char32_t previous = 0;
  for (std::size_t i = 0; i < text.size();) {
    const char32_t c = next_code_point(text, i);
    if (is_apostrophe(c) && previous != 0) continue;  // "Знам'янка": the apostrophe is not written
    const char32_t lower = to_lower(c);
    const auto latin = latin_of(lower);
    if (!latin) {
      append_utf8(out, c);
      word_start = !(c < 0x80 && std::isalpha(static_cast<int>(c)));
      previous = 0;
      continue;
    }
    // "зг" is written "zgh", so that it does not read as "zh".
    std::string letters =
        (lower == U'г' && previous == U'з') ? "gh" : (word_start ? latin->initial : latin->within);
    if (c != lower && !letters.empty()) letters[0] = static_cast<char>(std::toupper(letters[0]));
    out += letters;
    word_start = false;
    previous = lower;
  }
  return out;
}

}  // namespace vigil::geo

// The font atlas, built from the characters the terminal actually shows: the catalogues, a
// common Chinese set and every character of the loaded data, then extended between frames
// when new characters are typed or loaded, so rare name characters (罕 琰 喆 燚 堃) render
// without paying for the full 21,000-glyph CJK atlas at start-up.
#pragma once
#include <bitset>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace jh::ui {

// A font file and face found through fontconfig.
struct FontFace {
    std::filesystem::path file;
    int index = 0;                   // face in a .ttc (2 = Simplified Chinese in Noto CJK)
    std::string family;
};

// Noto Sans CJK SC first, then any other font fontconfig offers for Simplified Chinese
// (merged as a fallback for glyphs the first lacks). Empty when none is installed.
std::vector<FontFace> find_chinese_faces();

enum class GlyphCoverage { Needed, FullChinese };   // FullChinese: the benchmark's baseline

class Fonts {
public:
    Fonts(std::vector<FontFace> faces, GlyphCoverage coverage);

    // Records the characters of `text` (UTF-8). Cheap; call with anything about to be shown.
    void need(std::string_view text);
    bool needs_rebuild() const { return dirty_; }
    // Rebuilds the atlas and its GL texture at `pixel_size`. Call outside NewFrame/Render.
    void rebuild(float pixel_size);
    // Whether the built atlas holds a glyph for this character.
    bool renders(char32_t c) const;
    std::size_t glyphs() const { return built_.count(); }
    int atlas_width() const { return atlas_w_; }
    int atlas_height() const { return atlas_h_; }
    const std::vector<FontFace>& faces() const { return faces_; }

private:
    std::vector<FontFace> faces_;
    GlyphCoverage coverage_;
    std::bitset<0x10000> wanted_;    // ImWchar is 16-bit: only the BMP can render
    std::bitset<0x10000> built_;
    bool dirty_ = true;
    float built_size_ = 0;
    int atlas_w_ = 0, atlas_h_ = 0;
};

// Decodes UTF-8, calling f(char32_t) per character; malformed bytes are skipped.
template <class F> void for_each_codepoint(std::string_view s, F&& f) {
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        bool whole = len != 0 && i + static_cast<std::size_t>(len) <= s.size();
        for (int k = 1; whole && k < len; ++k) whole = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
        if (!whole) {
            ++i;
            continue;
        }
        char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
        for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        f(cp);
        i += static_cast<std::size_t>(len);
    }
}

std::string to_utf8(char32_t c);

}  // namespace jh::ui

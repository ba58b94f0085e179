// The font atlas, built from the characters the terminal actually shows — the catalogues and
// every character of the loaded data — so rare name characters (罕 琰 喆 燚 堃) render without
// paying for the full 21,000-glyph CJK atlas at start-up. Atlases are built off the frame: the
// first one on a start-up thread while the window opens, later ones (new characters typed or
// loaded, the common Chinese set for smooth typing, a new text size) on a builder thread, and
// each is swapped in between frames once it is ready.
#pragma once
#include <bitset>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

struct ImFontAtlas;

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

using GlyphSet = std::bitset<0x10000>;   // ImWchar is 16-bit: only the BMP can render

// What every atlas holds whatever the data: ASCII and the punctuation the UI draws.
GlyphSet base_glyphs();
// Adds the characters of `text` (UTF-8) to `set`; returns whether any was new.
bool add_text(GlyphSet& set, std::string_view text);
// Adds ImGui's full Chinese range (~21,000 characters): the benchmark's baseline.
void add_full_chinese_range(GlyphSet& set);

// An atlas with its pixels, ready to upload. Building one is pure CPU work: any thread may.
struct BuiltAtlas {
    BuiltAtlas();
    BuiltAtlas(BuiltAtlas&&) noexcept;
    BuiltAtlas& operator=(BuiltAtlas&&) noexcept;
    ~BuiltAtlas();

    std::unique_ptr<ImFontAtlas> atlas;
    std::vector<FontFace> faces;   // what it was built from; later builds use the same
    GlyphSet wanted;          // the characters it was asked for
    GlyphSet glyphs;          // those it has a glyph for
    float pixel_size = 0;
    double build_ms = 0;
};

// The character a missing glyph is drawn as: a box of its own, not the font's '?', so a
// character the atlas lacks is visible as such and countable (capture.hpp).
constexpr char32_t kMissingGlyph = 0xFFFD;

// The font files are mapped, not read: only the outlines of the wanted glyphs are paged in.
BuiltAtlas build_atlas(const std::vector<FontFace>& faces, const GlyphSet& wanted, float pixel_size);

// The atlas ImGui draws with, and the one being built. Every call is from the frame's thread,
// outside NewFrame/Render; `wake` is called from the builder thread when an atlas is ready.
class Fonts {
public:
    explicit Fonts(std::function<void()> wake);
    ~Fonts();   // waits for a build under way
    Fonts(const Fonts&) = delete;
    Fonts& operator=(const Fonts&) = delete;

    // The atlas an ImGui context is created with (empty until the first install).
    ImFontAtlas* shown_atlas() { return shown_.get(); }
    // Records characters about to be shown (UTF-8). Cheap; call with anything new.
    void need(std::string_view text) { add_text(wanted_, text); }
    void need(const GlyphSet& set) { wanted_ |= set; }
    // Makes `built` the atlas ImGui draws with and uploads its texture. Needs the GL backend.
    void install(BuiltAtlas built);
    // Installs a finished build, then starts another if characters are wanted that the atlas
    // lacks or the size changed. Returns whether a new atlas was installed (worth a frame).
    bool update(float pixel_size);
    // Builds what is still wanted and installs it, waiting (before the window closes).
    void settle();

    bool renders(char32_t c) const { return c < shown_glyphs_.size() && shown_glyphs_.test(c); }
    std::size_t glyphs() const { return shown_glyphs_.count(); }
    float pixel_size() const { return shown_size_; }
    int atlas_width() const { return atlas_w_; }
    int atlas_height() const { return atlas_h_; }
    const std::vector<FontFace>& faces() const { return faces_; }

private:
    bool lacks_wanted() const { return (wanted_ & ~asked_).any(); }
    void start_build(float pixel_size);

    std::vector<FontFace> faces_;
    std::function<void()> wake_;
    GlyphSet wanted_;
    GlyphSet asked_;              // what the shown and pending atlases were asked to hold
    float asked_size_ = 0;        // the size of the newest of them
    float requested_size_ = 0;    // the size the frame last asked for
    std::unique_ptr<ImFontAtlas> shown_;
    GlyphSet shown_glyphs_;
    float shown_size_ = 0;
    int atlas_w_ = 0, atlas_h_ = 0;
    unsigned texture_ = 0;        // GL name; the context frees it when it goes
    std::future<BuiltAtlas> pending_;
    std::thread builder_;
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

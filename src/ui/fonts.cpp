// Font discovery (fontconfig), atlas building (FreeType builder, OversampleH = 1) off the frame,
// and swapping a built atlas in between frames.
#include "ui/fonts.hpp"

#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <imgui.h>
#include <imgui_freetype.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define GL_GLEXT_PROTOTYPES
#include <GL/gl.h>
#include <GL/glext.h>
#include <backends/imgui_impl_opengl3.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <malloc.h>
#include <optional>

namespace jh::ui {
namespace {

std::optional<FontFace> match(const char* pattern) {
    FcPattern* pat = FcNameParse(reinterpret_cast<const FcChar8*>(pattern));
    if (!pat) return std::nullopt;
    FcConfigSubstitute(nullptr, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult result;
    FcPattern* found = FcFontMatch(nullptr, pat, &result);
    FcPatternDestroy(pat);
    if (!found) return std::nullopt;
    FcChar8* file = nullptr;
    FcChar8* family = nullptr;
    int index = 0;
    std::optional<FontFace> face;
    if (FcPatternGetString(found, FC_FILE, 0, &file) == FcResultMatch) {
        FcPatternGetInteger(found, FC_INDEX, 0, &index);
        FcPatternGetString(found, FC_FAMILY, 0, &family);
        face = FontFace{reinterpret_cast<const char*>(file), index, family ? reinterpret_cast<const char*>(family) : ""};
    }
    FcPatternDestroy(found);
    return face;
}

// fontconfig answers every query with *some* font; only keep one that has Chinese.
bool covers_chinese(const FontFace& face) {
    return face.family.find("CJK") != std::string::npos || face.family.find("Hei") != std::string::npos ||
           face.family.find("Song") != std::string::npos || face.family.find("WenQuanYi") != std::string::npos ||
           face.family.find("Droid Sans Fallback") != std::string::npos;
}

}  // namespace

std::vector<FontFace> find_chinese_faces() {
    std::vector<FontFace> faces;
    if (!FcInit()) return faces;
    for (const char* pattern : {"Noto Sans CJK SC", "sans-serif:lang=zh-cn"}) {
        auto face = match(pattern);
        if (!face || !covers_chinese(*face)) continue;
        bool seen = false;
        for (const auto& f : faces) seen |= f.file == face->file && f.index == face->index;
        if (!seen) faces.push_back(*face);
    }
    return faces;
}


GlyphSet base_glyphs() {
    GlyphSet set;
    for (char32_t c = 0x20; c < 0x7F; ++c) set.set(c);
    add_text(set, "①②③④⑤⑥⑦✓—–…·×÷≥≤±²³°％（），：；、。“”《》【】");
    return set;
}

bool add_text(GlyphSet& set, std::string_view text) {
    bool added = false;
    for_each_codepoint(text, [&](char32_t c) {
        if (c >= set.size() || set.test(c)) return;
        set.set(c);
        added = true;
    });
    return added;
}

void add_full_chinese_range(GlyphSet& set) {
    for (const ImWchar* r = ImFontAtlas().GetGlyphRangesChineseFull(); r[0]; r += 2)
        for (unsigned c = r[0]; c <= r[1]; ++c) set.set(c);
}

BuiltAtlas::BuiltAtlas() = default;
BuiltAtlas::BuiltAtlas(BuiltAtlas&&) noexcept = default;
BuiltAtlas& BuiltAtlas::operator=(BuiltAtlas&&) noexcept = default;
BuiltAtlas::~BuiltAtlas() = default;

namespace {

// A read-only mapping of a font file, unmapped when the atlas no longer needs the outlines.
class MappedFile {
public:
    explicit MappedFile(const std::filesystem::path& path) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) return;
        struct stat st {};
        if (::fstat(fd, &st) == 0 && st.st_size > 0) {
            void* p = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
            if (p != MAP_FAILED) {
                data_ = p;
                size_ = static_cast<std::size_t>(st.st_size);
            }
        }
        ::close(fd);
    }
    ~MappedFile() {
        if (data_) ::munmap(data_, size_);
    }
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    void* data() const { return data_; }
    std::size_t size() const { return size_; }

private:
    void* data_ = nullptr;
    std::size_t size_ = 0;
};

}  // namespace

BuiltAtlas build_atlas(const std::vector<FontFace>& faces, const GlyphSet& wanted, float pixel_size) {
    const auto started = std::chrono::steady_clock::now();
    BuiltAtlas built;
    built.atlas = std::make_unique<ImFontAtlas>();
    built.pixel_size = pixel_size;
    built.faces = faces;
    ImFontAtlas& atlas = *built.atlas;
    atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();

    ImFontGlyphRangesBuilder ranges_builder;
    for (std::size_t c = 1; c < wanted.size(); ++c)
        if (wanted.test(c)) ranges_builder.SetBit(c);
    ImVector<ImWchar> ranges;
    ranges_builder.BuildRanges(&ranges);

    std::vector<std::unique_ptr<MappedFile>> files;
    for (const auto& face : faces) {
        auto& file = files.emplace_back(std::make_unique<MappedFile>(face.file));
        if (!file->data()) continue;
        ImFontConfig cfg;
        cfg.FontDataOwnedByAtlas = false;
        cfg.FontNo = face.index;
        cfg.OversampleH = 1;
        cfg.OversampleV = 1;
        cfg.PixelSnapH = true;
        cfg.MergeMode = !atlas.Fonts.empty();
        atlas.AddFontFromMemoryTTF(file->data(), static_cast<int>(file->size()), pixel_size, &cfg, ranges.Data);
    }
    // The missing-glyph box (no installed Chinese face has U+FFFD): drawn into the atlas below,
    // it becomes the font's fallback glyph.
    int box = -1;
    const int box_w = std::max(4, static_cast<int>(pixel_size * 0.5f));
    const int box_h = std::max(6, static_cast<int>(pixel_size * 0.7f));
    if (!atlas.Fonts.empty())
        box = atlas.AddCustomRectFontGlyph(atlas.Fonts[0], static_cast<ImWchar>(kMissingGlyph), box_w, box_h,
                                           static_cast<float>(box_w + 2), ImVec2(1, pixel_size * 0.2f));
    // No Chinese font installed, or one FreeType cannot read: ImGui's own Latin font, so the
    // terminal still opens (Chinese then shows as '?').
    if (atlas.Fonts.empty() || !atlas.Build()) {
        box = -1;
        atlas.Clear();
        ImFontConfig cfg;
        cfg.SizePixels = pixel_size;
        atlas.AddFontDefault(&cfg);
        atlas.Build();
    }
    if (box >= 0) {
        unsigned char* pixels = nullptr;
        int width = 0, height = 0;
        atlas.GetTexDataAsAlpha8(&pixels, &width, &height);
        const ImFontAtlasCustomRect* r = atlas.GetCustomRectByIndex(box);
        for (int y = 0; y < r->Height; ++y)
            for (int x = 0; x < r->Width; ++x) {
                const bool edge = x == 0 || y == 0 || x == r->Width - 1 || y == r->Height - 1;
                pixels[(r->Y + y) * width + r->X + x] = edge ? 0xFF : 0x00;
            }
    }
    atlas.ClearInputData();   // the outlines are no longer read
    for (std::size_t c = 1; c < wanted.size(); ++c)
        if (wanted.test(c) && atlas.Fonts[0]->FindGlyphNoFallback(static_cast<ImWchar>(c))) built.glyphs.set(c);
    built.wanted = wanted;
    built.build_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return built;
}

Fonts::Fonts(std::function<void()> wake) : wake_(std::move(wake)), shown_(std::make_unique<ImFontAtlas>()) {}

Fonts::~Fonts() {
    if (builder_.joinable()) builder_.join();
}

void Fonts::install(BuiltAtlas built) {
    ImGuiIO& io = ImGui::GetIO();
    ImGui_ImplOpenGL3_DestroyFontsTexture();   // the backend's texture of its placeholder font
    io.Fonts = built.atlas.get();
    unsigned char* pixels = nullptr;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &atlas_w_, &atlas_h_);
    // One byte a texel, read as white with the coverage as alpha: a quarter of the RGBA
    // texture the backend would make, in the driver's memory as well as ours.
    GLint bound = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &bound);
    if (texture_) glDeleteTextures(1, &texture_);
    glGenTextures(1, &texture_);
    glBindTexture(GL_TEXTURE_2D, texture_);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    const GLint swizzle[] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
    glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, swizzle);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, atlas_w_, atlas_h_, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(bound));
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(texture_)));
    io.Fonts->ClearTexData();   // the GPU has the pixels now
    shown_ = std::move(built.atlas);
    shown_glyphs_ = built.glyphs;
    faces_ = std::move(built.faces);
    shown_size_ = built.pixel_size;
    wanted_ |= built.wanted;   // later builds keep every character an earlier one was given
    asked_ |= built.wanted;
    if (!pending_.valid()) asked_size_ = built.pixel_size;
    malloc_trim(0);
}

bool Fonts::update(float pixel_size) {
    requested_size_ = pixel_size;
    bool installed = false;
    if (pending_.valid() && pending_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        install(pending_.get());
        installed = true;
    }
    if (!pending_.valid() && (lacks_wanted() || pixel_size != asked_size_)) start_build(pixel_size);
    return installed;
}

void Fonts::settle() {
    update(requested_size_);
    while (pending_.valid()) {
        pending_.wait();
        update(requested_size_);
    }
}

void Fonts::start_build(float pixel_size) {
    if (builder_.joinable()) builder_.join();   // the previous build has delivered its atlas
    std::promise<BuiltAtlas> promise;
    pending_ = promise.get_future();
    asked_size_ = pixel_size;
    asked_ |= wanted_;
    builder_ = std::thread([faces = faces_, wanted = wanted_, pixel_size, wake = wake_, promise = std::move(promise)]() mutable {
        try {
            promise.set_value(build_atlas(faces, wanted, pixel_size));
        } catch (...) {
            promise.set_exception(std::current_exception());
        }
        wake();
    });
}

std::string to_utf8(char32_t c) {
    std::string s;
    if (c < 0x80) {
        s += static_cast<char>(c);
    } else if (c < 0x800) {
        s += static_cast<char>(0xC0 | (c >> 6));
        s += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        s += static_cast<char>(0xE0 | (c >> 12));
        s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        s += static_cast<char>(0xF0 | (c >> 18));
        s += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (c & 0x3F));
    }
    return s;
}

}  // namespace jh::ui

// Font discovery (fontconfig) and the incremental atlas (FreeType builder, OversampleH = 1).
#include "ui/fonts.hpp"

#include <fontconfig/fontconfig.h>
#include <imgui.h>
#include <imgui_freetype.h>

#include <optional>
#include <backends/imgui_impl_opengl3.h>

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

Fonts::Fonts(std::vector<FontFace> faces, GlyphCoverage coverage) : faces_(std::move(faces)), coverage_(coverage) {
    for (char32_t c = 0x20; c < 0x7F; ++c) wanted_.set(c);
    // The common set makes ordinary typing free of rebuilds; rarer characters come on demand.
    const ImWchar* common = coverage_ == GlyphCoverage::FullChinese
                                ? ImGui::GetIO().Fonts->GetGlyphRangesChineseFull()
                                : ImGui::GetIO().Fonts->GetGlyphRangesChineseSimplifiedCommon();
    for (const ImWchar* r = common; r[0]; r += 2)
        for (unsigned c = r[0]; c <= r[1]; ++c) wanted_.set(c);
    need("①②③④⑤⑥⑦✓✗—…·×÷≥≤±²³°％（），：；、。“”《》【】");
}

void Fonts::need(std::string_view text) {
    for_each_codepoint(text, [&](char32_t c) {
        if (c >= 0x10000 || wanted_.test(c)) return;
        wanted_.set(c);
        dirty_ = true;
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

bool Fonts::renders(char32_t c) const { return c < 0x10000 && built_.test(c); }

void Fonts::rebuild(float pixel_size) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    io.Fonts->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();

    ImFontGlyphRangesBuilder builder;
    for (std::size_t c = 1; c < wanted_.size(); ++c)
        if (wanted_.test(c)) builder.SetBit(c);
    ImVector<ImWchar> ranges;
    builder.BuildRanges(&ranges);

    bool first = true;
    for (const auto& face : faces_) {
        ImFontConfig cfg;
        cfg.FontNo = face.index;
        cfg.OversampleH = 1;
        cfg.OversampleV = 1;
        cfg.PixelSnapH = true;
        cfg.MergeMode = !first;
        if (io.Fonts->AddFontFromFileTTF(face.file.c_str(), pixel_size, &cfg, ranges.Data)) first = false;
    }
    if (first) {   // no Chinese font installed: ImGui's own Latin font, Chinese shows as '?'
        ImFontConfig cfg;
        cfg.SizePixels = pixel_size;
        io.Fonts->AddFontDefault(&cfg);
    }
    io.Fonts->Build();
    built_.reset();
    if (ImFont* font = io.Fonts->Fonts.empty() ? nullptr : io.Fonts->Fonts[0])
        for (std::size_t c = 1; c < wanted_.size(); ++c)
            if (wanted_.test(c) && font->FindGlyphNoFallback(static_cast<ImWchar>(c))) built_.set(c);
    atlas_w_ = io.Fonts->TexWidth;
    atlas_h_ = io.Fonts->TexHeight;

    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    // The GPU has the pixels now; the CPU copies (font files, ~20 MB, and the atlas) can go.
    io.Fonts->ClearTexData();
    io.Fonts->ClearInputData();
    built_size_ = pixel_size;
    dirty_ = false;
}

}  // namespace jh::ui

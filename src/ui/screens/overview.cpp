// Overview (概览): where the school stands. Per stage, the 7 resource indicators as cards
// (value against threshold: green met, amber below but within the 85% floor, red below it),
// the 6-of-7 verdict, a bar chart of each indicator against its threshold (ImDrawList), what
// to change to pass, then the guarantee and quality items a school can measure, and the rule
// pack in force. A school the resource evaluation leaves out (a teaching point under 50
// pupils) sees its figures as reference only, never as a fail; a stage with no pupils is named
// as no part; the pupil count says where it comes from.
#include <algorithm>
#include <cstdio>

#include "domain/fields.hpp"
#include "indicators/text.hpp"
#include "ui/backup_reminder.hpp"
#include "ui/screens/screen.hpp"
#include "ui/widgets.hpp"

namespace jh::ui {
namespace {

ImVec4 colour_of(const indicators::ResourceResult& r, bool reference_only) {
    if (reference_only) return colour::muted;
    return r.met ? colour::green : r.above_floor ? colour::amber : colour::red;
}

ImVec4 colour_of(indicators::Status s) {
    switch (s) {
        case indicators::Status::Pass: return colour::green;
        case indicators::Status::Fail: return colour::red;
        case indicators::Status::InProgress: return colour::amber;
        case indicators::Status::Info: return colour::accent;
        default: return colour::muted;
    }
}

ImU32 u32(const ImVec4& c, float alpha = 1.0f) { return ImGui::GetColorU32(ImVec4(c.x, c.y, c.z, alpha)); }

// A value beside its verdict: a failing value never reads as its threshold (4.1999 is not "4.20").
std::string figure(double v, double threshold, bool met) {
    return indicators::verdict_number_text(v, threshold, met, v >= 100 ? 0 : 2);
}

struct OverviewScreen final : Screen {
    std::string_view id() const override { return "overview"; }
    const char* title(const Model& m) const override { return m.tr("nav.overview"); }

    void Draw(const Model& m, Intents& in) override {
        heading(m.tr("nav.overview"));
        if (draw_backup_reminder(m)) in.navigate("exchange");
        if (const auto review = review_banner(m.sync, m.year)) draw_review_banner(m, in, *review);
        if (!m.overview) {
            muted_text(m.tr("overview.no_year"));
            return;
        }
        const auto& o = *m.overview;
        ImGui::Text("%s %s", m.tr("overview.pack"), m.text(o.pack_name).c_str());
        ImGui::SameLine();
        if (m.english()) ImGui::TextColored(colour::muted, "%s · %s", o.pack_document.c_str(), o.pack_version.c_str());
        else ImGui::TextColored(colour::muted, "%s", o.pack_document.c_str());   // its version note is English
        if (o.pack_ended) wrapped_colored(colour::amber, m.text(*o.pack_ended));
        if (o.problem) {
            wrapped_colored(colour::amber, m.text(*o.problem));
            muted_text(m.tr("overview.problem_hint"));
            if (ImGui::Button(m.tr("overview.go_classes"))) in.navigate("classes");
            return;
        }
        const auto& r = *o.result;
        if (r.scope_note) wrapped_colored(colour::muted, m.text(*r.scope_note));
        if (o.rolls_missing) wrapped_colored(colour::amber, m.text(*o.rolls_missing));
        for (const auto& empty : r.empty_stages) wrapped_colored(colour::muted, m.text(empty.reason));
        for (const auto& part : r.parts) draw_part(m, o, part, r.scope_note.has_value());
        draw_items(m, r);
    }

    // The bureau sent this year back (or reopened it): its words stay on top of the overview
    // until the school resubmits (review_banner), with the way to the sync screen.
    void draw_review_banner(const Model& m, Intents& in, const sync::client::ReviewInfo& r) {
        const bool returned = r.state == "returned";
        char head[512];
        std::snprintf(head, sizeof head, returned ? m.tr("review.banner_returned") : m.tr("review.banner_reopened"),
                      r.version);
        ImGui::Spacing();
        wrapped_colored(returned ? colour::red : colour::amber, head);
        ImGui::Indent();
        wrapped_colored(ImGui::GetStyleColorVec4(ImGuiCol_Text), r.text.empty() ? m.tr("review.no_comment") : r.text);
        if (const auto who = decided_by(r, m.tr("review.upstream_suffix")); !who.empty())
            ImGui::TextColored(colour::muted, "%s", who.c_str());
        ImGui::Unindent();
        char hint[512];
        std::snprintf(hint, sizeof hint, m.tr("review.banner_hint"), r.version + 1);
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(colour::muted, "%s", hint);
        ImGui::SameLine();
        if (ImGui::SmallButton(m.tr("review.go_sync"))) in.navigate("sync");
        ImGui::Separator();
    }

    // `reference_only`: the school is outside the resource evaluation (its scope note says
    // why), so the verdict says so in words and the cards carry no pass/fail colour.
    void draw_part(const Model& m, const OverviewData& o, const indicators::PartResult& part, bool reference_only) {
        const auto& v = part.resources;
        ImGui::Spacing();
        ImGui::PushID(static_cast<int>(part.quantities.stage));
        const std::string stage(m.label(domain::label(part.quantities.stage)));
        char verdict[256];
        std::snprintf(verdict, sizeof verdict, m.tr("overview.verdict"), stage.c_str(), v.met);
        ImGui::TextUnformatted(verdict);
        ImGui::SameLine();
        if (reference_only) ImGui::TextColored(colour::muted, "%s", m.tr("overview.reference_only"));
        else ImGui::TextColored(v.pass ? colour::green : colour::red, "%s", v.pass ? m.tr("overview.pass") : m.tr("overview.fail"));
        ImGui::SameLine();
        ImGui::TextColored(colour::muted, m.tr("overview.pupils"), part.quantities.pupils);
        for (const auto& [source_stage, source] : o.pupil_sources)
            if (source_stage == part.quantities.stage) {
                ImGui::SameLine();
                ImGui::TextColored(colour::muted, "（%s）", m.text(source).c_str());
            }
        draw_cards(m, v, reference_only);
        draw_chart(m, v, reference_only);
        if (!reference_only) draw_gaps(m, v);
        for (const auto& item : part.items) draw_item_row(m, item);
        ImGui::PopID();
        ImGui::Separator();
    }

    void draw_cards(const Model& m, const indicators::ResourceVerdict& v, bool reference_only) {
        const auto& info = indicators::resource_info();
        const float avail = ImGui::GetContentRegionAvail().x;
        const float spacing = ImGui::GetStyle().ItemSpacing.x;
        const int per_row = avail > 1100 ? 7 : avail > 700 ? 4 : 2;
        const float width = (avail - spacing * static_cast<float>(per_row - 1)) / static_cast<float>(per_row);
        const float height = ImGui::GetTextLineHeightWithSpacing() * 5.2f;
        for (std::size_t i = 0; i < v.results.size(); ++i) {
            const auto& res = v.results[i];
            if (i % static_cast<std::size_t>(per_row) != 0) ImGui::SameLine();
            const ImVec4 c = colour_of(res, reference_only);
            ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(c.x, c.y, c.z, 0.10f));
            ImGui::PushStyleColor(ImGuiCol_Border, c);
            ImGui::BeginChild(res.id.data(), ImVec2(width, height), true, ImGuiWindowFlags_NoScrollbar);
            const char* state = reference_only ? m.tr("overview.reference")
                                : res.met      ? m.tr("overview.met")
                                : res.above_floor ? m.tr("overview.near")
                                                  : m.tr("overview.not_met");
            ImGui::TextColored(c, "%s  %s", std::string(res.id).c_str(), state);
            ImGui::PushTextWrapPos(0);
            ImGui::TextUnformatted(m.text(info[i].name).c_str());
            ImGui::PopTextWrapPos();
            ImGui::Text("%s / %s", figure(res.value, res.threshold, res.met).c_str(), figure(res.threshold, res.threshold, true).c_str());
            ImGui::EndChild();
            ImGui::PopStyleColor(2);
        }
    }

    // Each indicator as a bar of value ÷ threshold; the line at 100% is the standard, the
    // dotted one at the floor (85%).
    void draw_chart(const Model& m, const indicators::ResourceVerdict& v, bool reference_only) {
        const float row = ImGui::GetTextLineHeightWithSpacing();
        const float label_w = ImGui::CalcTextSize("R7 ").x + 10;
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        const float width = std::min(ImGui::GetContentRegionAvail().x, 900.0f);
        const float bar_w = width - label_w - 90;
        const float full = 1.5f;   // the chart's right edge is 150% of the standard
        ImDrawList* draw = ImGui::GetWindowDrawList();
        for (std::size_t i = 0; i < v.results.size(); ++i) {
            const auto& res = v.results[i];
            const float y = origin.y + row * static_cast<float>(i);
            const double ratio = res.threshold > 0 ? res.value / res.threshold : 0;
            const float filled = bar_w * static_cast<float>(std::clamp(ratio, 0.0, static_cast<double>(full))) / full;
            draw->AddText(ImVec2(origin.x, y), u32(ImGui::GetStyleColorVec4(ImGuiCol_Text)), res.id.data(),
                          res.id.data() + res.id.size());
            const ImVec2 a(origin.x + label_w, y + 3), b(origin.x + label_w + bar_w, y + row - 5);
            draw->AddRectFilled(a, b, u32(colour::muted, 0.12f), 3);
            draw->AddRectFilled(a, ImVec2(a.x + filled, b.y), u32(colour_of(res, reference_only)), 3);
            char pct[16];
            std::snprintf(pct, sizeof pct, "%.0f%%", ratio * 100);
            draw->AddText(ImVec2(b.x + 8, y), u32(ImGui::GetStyleColorVec4(ImGuiCol_Text)), pct);
        }
        const float top = origin.y, bottom = origin.y + row * static_cast<float>(v.results.size());
        const float x100 = origin.x + label_w + bar_w / full;
        draw->AddLine(ImVec2(x100, top), ImVec2(x100, bottom), u32(colour::accent), 2);
        const float x85 = origin.x + label_w + bar_w * 0.85f / full;
        for (float y = top; y < bottom; y += 6) draw->AddLine(ImVec2(x85, y), ImVec2(x85, y + 3), u32(colour::muted), 1);
        ImGui::Dummy(ImVec2(width, bottom - top));
        ImGui::TextColored(colour::muted, "%s", m.tr("overview.chart_legend"));
    }

    void draw_gaps(const Model& m, const indicators::ResourceVerdict& v) {
        if (v.gaps.empty() && v.fixes.empty()) return;
        ImGui::TextUnformatted(m.tr("overview.actions"));
        for (const auto& g : v.gaps) {
            ImGui::Bullet();
            ImGui::SameLine();
            ImGui::TextWrapped("%s: %s", g.item.c_str(), m.text(g.text).c_str());
        }
        if (!v.pass && !v.fixes.empty()) {
            ImGui::TextUnformatted(m.tr("overview.fixes"));
            for (const auto& g : v.fixes) {
                ImGui::Bullet();
                ImGui::SameLine();
                ImGui::TextWrapped("%s: %s", g.item.c_str(), m.text(g.text).c_str());
            }
        }
    }

    void draw_item_row(const Model& m, const indicators::ItemResult& item) {
        ImGui::PushID(item.id.c_str());
        ImGui::TextColored(colour_of(item.status), "%-6s %s", item.id.c_str(), std::string(m.label(indicators::status_label(item.status))).c_str());
        ImGui::SameLine(170);
        ImGui::TextWrapped("%s — %s", m.text(item.name).c_str(), m.text(item.detail).c_str());
        for (const auto& g : item.gaps) {
            ImGui::Indent(170);
            ImGui::TextColored(colour::amber, "→ %s", m.text(g.text).c_str());
            ImGui::Unindent(170);
        }
        ImGui::PopID();
    }

    void draw_items(const Model& m, const indicators::SchoolResult& r) {
        ImGui::Spacing();
        heading(m.tr("overview.items"));
        for (const auto& item : r.items) draw_item_row(m, item);
        if (!r.not_computed.empty() && ImGui::CollapsingHeader(m.tr("overview.not_computed"))) {
            for (const auto& n : r.not_computed) {
                ImGui::BulletText("%s %s", n.id.c_str(), m.text(n.name).c_str());
                ImGui::Indent();
                muted_text(m.text(n.reason).c_str());
                ImGui::Unindent();
            }
        }
    }
};

}  // namespace

std::unique_ptr<Screen> make_overview_screen() { return std::make_unique<OverviewScreen>(); }

}  // namespace jh::ui

// A sortable, searchable table of records, drawn with ImGuiListClipper so thousands of rows
// cost only the visible ones. Columns are field keys; cells use the field descriptors.
// The filtered and sorted order is cached and recomputed only when the data, the search text
// or the sort order change; sorting computes each row's key once (text collates by pinyin).
// A record whose last change the bureau has not acknowledged yet is tinted (pending upload);
// which rows are is worked out with the view, again when the acknowledged seq moves.
#pragma once
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <string>
#include <vector>

#include "domain/fields.hpp"
#include "domain/figures.hpp"
#include "ui/intents.hpp"
#include "ui/text_order.hpp"
#include "ui/widgets.hpp"

namespace jh::ui {

// Case-insensitive (ASCII) substring test; Chinese matches as-is.
bool contains_text(std::string_view haystack, std::string_view needle);

// What a cell sorts by, as people expect: text in pinyin order (text_order.hpp), enums in their
// declared order (the order the form offers them: 研究生 before 本科), numbers by value, dates
// (YYYY-MM-DD) chronologically; empty cells first.
domain::Value sort_value(domain::FieldType type, std::span<const domain::EnumLabel> labels, const domain::Value& value);

// Orders `view` (row indices) by the key `key_of(index)` gives each row, asked once per row so
// that no comparison collates; stable, so rows with equal keys keep their order either way.
template <class KeyOf> void sort_view(std::vector<std::size_t>& view, bool descending, KeyOf key_of) {
    std::vector<std::pair<domain::Value, std::size_t>> keyed;
    keyed.reserve(view.size());
    for (auto i : view) keyed.emplace_back(key_of(i), i);
    std::stable_sort(keyed.begin(), keyed.end(), [descending](const auto& a, const auto& b) {
        return descending ? b.first < a.first : a.first < b.first;
    });
    for (std::size_t k = 0; k < keyed.size(); ++k) view[k] = keyed[k].second;
}

template <class R> class RecordTable {
public:
    explicit RecordTable(std::vector<std::string_view> columns) {
        for (auto key : columns)
            if (auto* f = domain::find_field<R>(key)) columns_.push_back(f);
    }

    domain::Id selected() const { return selected_; }
    void select(domain::Id id) { selected_ = id; }

    // Draws the search box and, below it, the table filling the rest of the region (its
    // horizontal scroll bar in sight); returns true when a row was activated (double-click or
    // Enter), i.e. the user wants to edit the selected record. `people` names the persons of
    // person_id columns.
    bool Draw(const Model& m, Intents& in, const std::vector<R>& rows, const std::vector<PersonChoice>& people = {}) {
        people_ = &people;
        ImGui::SetNextItemWidth(260);
        if (ImGui::InputTextWithHint("##search", m.tr("table.search"), &search_)) in.need_glyphs(search_);
        ImGui::SameLine();
        ImGui::Text(m.tr("table.count"), static_cast<int>(view_.size()), static_cast<int>(rows.size()));
        if (pending_count_ > 0) {
            ImGui::SameLine();
            ImGui::TextColored(colour::amber, m.tr("table.pending"), static_cast<int>(pending_count_));
        }

        bool activated = false;
        // Columns share the width in proportion to what each needs to be read; when the table is
        // narrower than that (many columns, large text, the form open beside it) it scrolls
        // sideways instead of squeezing them, with the first column (the record's name) kept.
        const ImGuiStyle& style = ImGui::GetStyle();
        std::vector<float> widths;
        float needed = 0;
        for (const auto* f : columns_) {
            widths.push_back(readable_width(m, *f) + style.CellPadding.x * 2);
            needed += widths.back() + 2;   // the border and the rounding of each column
        }
        const bool too_narrow = needed > ImGui::GetContentRegionAvail().x - style.ScrollbarSize;
        const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                      ImGuiTableFlags_BordersV | ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY |
                                      ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
        // Widths are given once per table: a new text size or language is a new table.
        const std::string id = "##records" + std::to_string(ImGui::GetFontSize()) + std::string(code_of(m.catalogue.language()));
        if (!ImGui::BeginTable(id.c_str(), static_cast<int>(columns_.size()), flags, ImVec2(0, ImGui::GetContentRegionAvail().y),
                               too_narrow ? needed : 0.0f))
            return false;
        ImGui::TableSetupScrollFreeze(1, 1);
        for (std::size_t c = 0; c < columns_.size(); ++c)
            ImGui::TableSetupColumn(std::string(m.label(*columns_[c])).c_str(), ImGuiTableColumnFlags_WidthStretch, widths[c]);
        ImGui::TableHeadersRow();
        refresh_view(m, rows);

        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(view_.size()));
        while (clipper.Step())
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const std::size_t row = view_[static_cast<std::size_t>(i)];
                const R& r = rows[row];
                ImGui::TableNextRow();
                if (pending_[row]) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, ImGui::GetColorU32(kPendingTint));
                ImGui::TableNextColumn();
                ImGui::PushID(static_cast<int>(r.id));
                const std::string first = cell(m, *columns_[0], r);
                if (ImGui::Selectable(first.c_str(), r.id == selected_,
                                      ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowDoubleClick)) {
                    selected_ = r.id;
                    activated |= ImGui::IsMouseDoubleClicked(0);
                }
                if (ImGui::IsItemFocused() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false)) {
                    selected_ = r.id;
                    activated = true;
                }
                ImGui::PopID();
                for (std::size_t c = 1; c < columns_.size(); ++c) {
                    ImGui::TableNextColumn();
                    ImGui::TextUnformatted(cell(m, *columns_[c], r).c_str());
                }
            }
        ImGui::EndTable();
        return activated;
    }

private:
    void refresh_view(const Model& m, const std::vector<R>& rows) {
        ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
        bool sort_changed = specs && specs->SpecsDirty;
        if (sort_changed) {
            sort_column_ = specs->SpecsCount ? specs->Specs[0].ColumnIndex : -1;
            descending_ = specs->SpecsCount && specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
            specs->SpecsDirty = false;
        }
        const std::int64_t acked = m.sync && m.sync->status.enrolled ? m.sync->status.acked_seq.value_or(-1) : -2;
        if (!sort_changed && version_ == m.data_version && rows_ == rows.size() && searched_ == search_ &&
            language_ == m.catalogue.language() && acked_ == acked)
            return;
        acked_ = acked;
        version_ = m.data_version;
        rows_ = rows.size();
        searched_ = search_;
        language_ = m.catalogue.language();
        view_.clear();
        for (std::size_t i = 0; i < rows.size(); ++i)
            if (matches(m, rows[i])) view_.push_back(i);
        const std::string table(domain::Entity<R>::table);
        pending_.assign(rows.size(), 0);
        pending_count_ = 0;
        for (std::size_t i = 0; i < rows.size(); ++i) pending_count_ += pending_[i] = m.record_pending(table, rows[i].id);
        if (sort_column_ >= 0 && sort_column_ < static_cast<int>(columns_.size())) {
            const auto& f = *columns_[static_cast<std::size_t>(sort_column_)];
            sort_view(view_, descending_, [&](std::size_t i) { return order_of(m, f, rows[i]); });
        }
    }

    // The narrowest a column can be and still be read: its header with room for the sort arrow,
    // and what its kind of value needs (a choice's longest label, a date, a few digits or
    // characters).
    float readable_width(const Model& m, const domain::Field<R>& f) const {
        const auto text_width = [](std::string_view text) {
            return ImGui::CalcTextSize(text.data(), text.data() + text.size()).x;
        };
        float value = 0;
        if (f.key == "person_id" || f.type == domain::FieldType::Text) value = ImGui::GetFontSize() * 4;   // 4 汉字
        else if (f.type == domain::FieldType::Date) value = text_width("2000-01-01");
        else if (f.type == domain::FieldType::Integer) value = text_width("00000");
        else if (in_yuan(f)) value = text_width(m.text(domain::amount_in_yuan(9999.99e4)));
        else if (f.type == domain::FieldType::Real) value = text_width("00000.00");
        else if (f.type == domain::FieldType::Bool) value = std::max(text_width(m.tr("common.yes")), text_width(m.tr("common.no")));
        for (const auto& l : f.enum_labels) value = std::max(value, text_width(m.label(l)));
        return std::max(value, text_width(m.label(f)) + ImGui::GetFontSize());
    }

    // A person column shows names, so it sorts by the name shown rather than the id.
    domain::Value order_of(const Model& m, const domain::Field<R>& f, const R& r) const {
        if (f.key == "person_id" && people_) return sort_key(cell(m, f, r));
        return sort_value(f.type, f.enum_labels, f.get(r));
    }

    // Fields holding an amount of money in 元, shown as "10.16 万元".
    static bool in_yuan(const domain::Field<R>& f) {
        return f.key == "public_budget" || f.key == "training_spending" || f.key == "special_ed_per_pupil" ||
               f.key == "unit_value" || f.key == "book_value";
    }

    std::string cell(const Model& m, const domain::Field<R>& f, const R& r) const {
        if (f.key == "person_id" && people_)
            for (const auto& p : *people_)
                if (domain::Value{p.person_id} == f.get(r)) return p.name;
        if (in_yuan(f))
            if (const auto v = f.get(r); const auto* yuan = std::get_if<double>(&v)) return m.text(domain::amount_in_yuan(*yuan));
        return shown(m, f, r);
    }

    bool matches(const Model& m, const R& r) const {
        if (search_.empty()) return true;
        for (const auto* f : columns_)
            if (contains_text(cell(m, *f, r), search_)) return true;
        return false;
    }

    std::vector<const domain::Field<R>*> columns_;
    const std::vector<PersonChoice>* people_ = nullptr;
    std::string search_, searched_;
    std::vector<std::size_t> view_;
    std::uint64_t version_ = ~0ull;
    std::int64_t acked_ = -3;             // the acknowledged seq the marks were worked out for
    std::vector<char> pending_;           // by row: its last change waits for upload
    std::size_t pending_count_ = 0;
    static inline const ImVec4 kPendingTint{1.0f, 0.94f, 0.78f, 1.0f};   // pale amber
    std::size_t rows_ = 0;
    Language language_ = Language::Zh;
    int sort_column_ = -1;
    bool descending_ = false;
    domain::Id selected_ = 0;
};

}  // namespace jh::ui

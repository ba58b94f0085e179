// A sortable, searchable table of records, drawn with ImGuiListClipper so thousands of rows
// cost only the visible ones. Columns are field keys; cells use the field descriptors.
// The filtered and sorted order is cached and recomputed only when the data, the search text
// or the sort order change; sorting computes each row's key once (text collates by pinyin).
#pragma once
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <string>
#include <vector>

#include "domain/fields.hpp"
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

    // Draws the search box and the table; returns true when a row was activated
    // (double-click or Enter), i.e. the user wants to edit the selected record.
    // `people` names the persons of person_id columns.
    bool Draw(const Model& m, Intents& in, const std::vector<R>& rows, float height,
              const std::vector<PersonChoice>& people = {}) {
        people_ = &people;
        ImGui::SetNextItemWidth(260);
        if (ImGui::InputTextWithHint("##search", m.tr("table.search"), &search_)) in.need_glyphs(search_);
        ImGui::SameLine();
        ImGui::Text(m.tr("table.count"), static_cast<int>(view_.size()), static_cast<int>(rows.size()));

        bool activated = false;
        const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                      ImGuiTableFlags_BordersV | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable |
                                      ImGuiTableFlags_SizingStretchProp;
        if (!ImGui::BeginTable("##records", static_cast<int>(columns_.size()), flags, ImVec2(0, height))) return false;
        ImGui::TableSetupScrollFreeze(0, 1);
        for (const auto* f : columns_) ImGui::TableSetupColumn(std::string(m.label(*f)).c_str());
        ImGui::TableHeadersRow();
        refresh_view(m, rows);

        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(view_.size()));
        while (clipper.Step())
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const R& r = rows[view_[static_cast<std::size_t>(i)]];
                ImGui::TableNextRow();
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
        if (!sort_changed && version_ == m.data_version && rows_ == rows.size() && searched_ == search_ &&
            language_ == m.catalogue.language())
            return;
        version_ = m.data_version;
        rows_ = rows.size();
        searched_ = search_;
        language_ = m.catalogue.language();
        view_.clear();
        for (std::size_t i = 0; i < rows.size(); ++i)
            if (matches(m, rows[i])) view_.push_back(i);
        if (sort_column_ >= 0 && sort_column_ < static_cast<int>(columns_.size())) {
            const auto& f = *columns_[static_cast<std::size_t>(sort_column_)];
            sort_view(view_, descending_, [&](std::size_t i) { return order_of(m, f, rows[i]); });
        }
    }

    // A person column shows names, so it sorts by the name shown rather than the id.
    domain::Value order_of(const Model& m, const domain::Field<R>& f, const R& r) const {
        if (f.key == "person_id" && people_) return sort_key(cell(m, f, r));
        return sort_value(f.type, f.enum_labels, f.get(r));
    }

    std::string cell(const Model& m, const domain::Field<R>& f, const R& r) const {
        if (f.key == "person_id" && people_)
            for (const auto& p : *people_)
                if (domain::Value{p.person_id} == f.get(r)) return p.name;
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
    std::size_t rows_ = 0;
    Language language_ = Language::Zh;
    int sort_column_ = -1;
    bool descending_ = false;
    domain::Id selected_ = 0;
};

}  // namespace jh::ui

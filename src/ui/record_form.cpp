// Conversions between field values and the text of their inputs.
#include "ui/record_form.hpp"

#include <cstdio>
#include <ctime>

#include "domain/figures.hpp"
#include "ui/fonts.hpp"

namespace jh::ui {

std::string to_input(domain::FieldType type, const domain::Value& value) {
    if (std::holds_alternative<std::monostate>(value)) return {};
    switch (type) {
        case domain::FieldType::Bool: return std::get<std::int64_t>(value) ? "1" : "0";
        case domain::FieldType::Integer: return std::to_string(std::get<std::int64_t>(value));
        case domain::FieldType::Real:
            if (auto d = std::get_if<double>(&value)) return domain::format_number(*d);
            return std::to_string(std::get<std::int64_t>(value));
        default: return std::get<std::string>(value);
    }
}

std::optional<domain::Value> from_input(domain::FieldType type, const std::string& text) {
    if (text.empty()) return domain::Value{};   // the field decides whether empty is allowed
    switch (type) {
        case domain::FieldType::Bool: {
            if (text == "0" || text == "1") return domain::Value{std::int64_t{text == "1"}};
            return std::nullopt;
        }
        case domain::FieldType::Integer: {
            const auto n = domain::read_number(text, true);
            if (!n.value) return std::nullopt;
            return domain::Value{static_cast<std::int64_t>(*n.value)};
        }
        case domain::FieldType::Real: {
            const auto n = domain::read_number(text, false);
            if (!n.value) return std::nullopt;
            return domain::Value{*n.value};
        }
        case domain::FieldType::Date: {
            const auto d = domain::read_date(text);
            if (!d.date) return std::nullopt;
            return domain::Value{domain::to_string(*d.date)};
        }
        default: return domain::Value{text};
    }
}

domain::Message input_problem(domain::FieldType type, const std::string& text) {
    switch (type) {
        case domain::FieldType::Integer: return domain::read_number(text, true).problem;
        case domain::FieldType::Real: return domain::read_number(text, false).problem;
        case domain::FieldType::Date: return domain::read_date(text).problem;
        default: return {};
    }
}

int halfwidth_filter(ImGuiInputTextCallbackData* data) {
    data->EventChar = static_cast<ImWchar>(domain::halfwidth(data->EventChar));
    return 0;
}

int digits_filter(ImGuiInputTextCallbackData* data) {
    const char32_t c = domain::halfwidth(data->EventChar);
    if (c >= U'0' && c <= U'9') {
        data->EventChar = static_cast<ImWchar>(c);
        return 0;
    }
    if (data->UserData) *static_cast<std::string*>(data->UserData) = to_utf8(c);
    return 1;
}

std::string refused_note(const Model& m, const std::string& refused) {
    if (refused.empty()) return {};
    char buf[256];
    std::snprintf(buf, sizeof buf, m.tr("form.digits_only"), refused.c_str());
    return buf;
}

}  // namespace jh::ui

namespace jh::ui {

std::string encode_draft(domain::Id id, const std::vector<std::string_view>& keys, const std::vector<std::string>& buffers,
                         const std::vector<bool>& unset) {
    nlohmann::json fields = nlohmann::json::object();
    nlohmann::json not_chosen = nlohmann::json::array();
    for (std::size_t i = 0; i < keys.size(); ++i) {
        fields[std::string(keys[i])] = buffers[i];
        if (unset[i]) not_chosen.push_back(std::string(keys[i]));
    }
    nlohmann::json j{{"id", id}, {"fields", fields}};
    if (!not_chosen.empty()) j["unset"] = not_chosen;
    return j.dump();
}

std::optional<DecodedDraft> decode_draft(const std::string& stored, const std::vector<std::string_view>& keys) {
    auto json = nlohmann::json::parse(stored, nullptr, false);
    if (json.is_discarded() || !json.is_object() || !json.contains("fields") || !json["fields"].is_object()) return std::nullopt;
    DecodedDraft d;
    if (auto id = json.find("id"); id != json.end() && id->is_number_integer()) d.id = id->get<domain::Id>();
    std::set<std::string> not_chosen;
    if (auto u = json.find("unset"); u != json.end() && u->is_array())
        for (const auto& k : *u)
            if (k.is_string()) not_chosen.insert(k.get<std::string>());
    for (const auto& key : keys) {
        const auto v = json["fields"].find(std::string(key));
        d.buffers.push_back(v != json["fields"].end() && v->is_string() ? std::optional(v->get<std::string>()) : std::nullopt);
        d.unset.push_back(not_chosen.contains(std::string(key)));
    }
    return d;
}

int next_field(const std::vector<bool>& shown, int from, bool backwards) {
    const int n = static_cast<int>(shown.size());
    if (n == 0) return -1;
    int at = from < 0 || from >= n ? (backwards ? 0 : n - 1) : from;   // from none: the first (or last)
    for (int step = 0; step < n; ++step) {
        at = backwards ? (at + n - 1) % n : (at + 1) % n;
        if (shown[static_cast<std::size_t>(at)]) return at;
    }
    return -1;
}

int step_choice(int at, int count, bool up) {
    if (count <= 0) return -1;
    if (at < 0) return up ? count - 1 : 0;
    return up ? std::max(0, at - 1) : std::min(count - 1, at + 1);
}

float min_input_width() { return 10.0f * ImGui::GetFontSize(); }

std::string choice_preview(const Model& m, bool unset, bool optional, const std::string& label) {
    if (unset) return m.tr("form.choose_hint");
    if (label.empty() && optional) return m.tr("form.none");
    return label;
}

namespace {
std::vector<FormLayout>& drawn() {
    static std::vector<FormLayout> forms;
    return forms;
}
}  // namespace

void report_form(FormLayout layout) {
    auto& forms = drawn();
    std::erase_if(forms, [&](const FormLayout& f) { return f.frame != layout.frame || f.table == layout.table; });
    forms.push_back(std::move(layout));
}

std::vector<FormLayout> forms_drawn_last_frame() {
    std::vector<FormLayout> last;
    for (const auto& f : drawn())
        if (f.frame == ImGui::GetFrameCount()) last.push_back(f);
    return last;
}

}  // namespace jh::ui

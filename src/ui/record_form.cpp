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

domain::Date local_today() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return domain::Date{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
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

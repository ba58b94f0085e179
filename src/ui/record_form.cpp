// Conversions between field values and the text of their inputs.
#include "ui/record_form.hpp"

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
        case domain::FieldType::Bool:
        case domain::FieldType::Integer: {
            std::int64_t v = 0;
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
            if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
            return domain::Value{v};
        }
        case domain::FieldType::Real: {
            char* end = nullptr;
            double v = std::strtod(text.c_str(), &end);
            if (end != text.c_str() + text.size()) return std::nullopt;
            return domain::Value{v};
        }
        default: return domain::Value{text};
    }
}

}  // namespace jh::ui

// Number and class-name formatting shared by every message the engine writes.
#include "indicators/text.hpp"

#include <cmath>
#include <cstdio>

namespace jh::indicators {

std::string number_text(double value, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
    std::string s = buf;
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    return s == "-0" ? "0" : s;
}

std::string percent_text(double ratio, int decimals) { return number_text(ratio * 100, decimals) + "%"; }

std::string verdict_number_text(double value, double limit, bool passes, int decimals) {
    constexpr int kMoreDigits = 9;   // a figure within 1e-9 of its limit would pass (at_least)
    if (passes) return number_text(value, decimals);
    for (int d = decimals; d <= decimals + kMoreDigits; ++d) {
        std::string shown = number_text(value, d);
        if (shown != number_text(limit, d)) return shown;
    }
    return number_text(value, decimals + kMoreDigits);
}

std::string verdict_percent_text(double ratio, double limit, bool passes, int decimals) {
    return verdict_number_text(ratio * 100, limit * 100, passes, decimals) + "%";
}

domain::Message class_name(domain::Stage stage, int grade, int number) {
    static constexpr const char* digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    const std::string g = grade >= 0 && grade <= 9 ? digits[grade] : std::to_string(grade);
    const std::string prefix = stage == domain::Stage::Junior ? "初" : stage == domain::Stage::Senior ? "高" : "";
    return {prefix + g + "(" + std::to_string(number) + ")班",
            std::string(domain::en(stage)) + " grade " + std::to_string(grade) + " class " + std::to_string(number)};
}

}  // namespace jh::indicators

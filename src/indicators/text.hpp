// How the engine writes numbers and names in its messages (both languages), so the UI, the
// CLI and the reports show the same "一(3)班", "4.2", "93.5%".
#pragma once
#include <string>

#include "domain/enums.hpp"
#include "domain/message.hpp"

namespace jh::indicators {

// At most `decimals` decimals, trailing zeros dropped: 4.20 → "4.2", 340.0 → "340".
std::string number_text(double value, int decimals = 2);
// A ratio as a percentage: 0.935 → "93.5%".
std::string percent_text(double ratio, int decimals = 1);
// A class as schools name it: primary "一(3)班", junior "初一(2)班", senior "高一(1)班";
// English "primary grade 1 class 3".
domain::Message class_name(domain::Stage stage, int grade, int number);

}  // namespace jh::indicators

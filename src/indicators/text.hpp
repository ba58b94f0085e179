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

// A figure printed beside a verdict. A passing figure is rounded to `decimals`; a failing one
// gets as many more digits as it takes not to read as the limit itself, so a fail at 4.9999%
// against 5% prints "4.9999%", never "5%" (and 50.4 pupils over a limit of 50 is "50.4").
std::string verdict_number_text(double value, double limit, bool passes, int decimals = 2);
std::string verdict_percent_text(double ratio, double limit, bool passes, int decimals = 1);
// A class as schools name it: primary "一(3)班", junior "初一(2)班", senior "高一(1)班";
// English "primary grade 1 class 3".
domain::Message class_name(domain::Stage stage, int grade, int number);

}  // namespace jh::indicators

// Reading what people type into number, date and code fields. A Chinese input method left on
// gives full-width characters (１６, ３．５, ２０２６－１０－０９) and 。 for the full stop: they
// are converted here, in one place, instead of being dropped; what still cannot be read is
// named in the message, so nothing typed disappears without a word.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "domain/words.hpp"

namespace jh::domain {

// One character as the ASCII one it stands for in a figure: full-width digits, letters and
// punctuation (U+FF01–FF5E), the ideographic space, 。 as '.'; any other character unchanged.
char32_t halfwidth(char32_t c);
// The whole text so converted (UTF-8 in, UTF-8 out).
std::string to_halfwidth(std::string_view text);

// A number as typed: full-width forms converted, spaces around and thousands separators
// (10,000) ignored. `whole`: only integers are accepted. On failure `problem` says what to
// type, naming a character that cannot be part of a number.
struct NumberReading {
    std::optional<double> value;
    Message problem;
};
NumberReading read_number(std::string_view text, bool whole);

// An amount of money as people read it: from 10,000 元 up in 万元 with two decimals
// ("10.16 万元"), below in 元 ("9800 元"); in English in yuan with thousands separators.
Message amount_in_yuan(double yuan);

// Without leading and trailing blanks (spaces, tabs, line ends): what a typed or pasted value means.
std::string trimmed(std::string s);

}  // namespace jh::domain

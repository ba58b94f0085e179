// Administrative division codes (行政区划代码) as far as the terminal can check them offline:
// the 34 province-level units a code's first two digits name. The full county table (≈ 2,800
// rows, revised every year) is not carried, so a county's own name is never claimed.
#pragma once
#include <optional>
#include <string_view>

#include "domain/words.hpp"

namespace jh::domain {

// The province-level unit of a 6-digit division code ("310112" → 上海市 / Shanghai); nullopt
// when the first two digits name none.
std::optional<Message> province_of(std::string_view division_code);

}  // namespace jh::domain

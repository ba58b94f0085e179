// Where an exchanged file is wrong: every rejection of an imported file names the file, and
// when known the line and column, in both languages, so a clerk can find the cell in Excel.
#pragma once
#include <string>

#include "domain/message.hpp"

namespace jh::exchange {

// Throws domain::Rejected for `problem` at `line`/`column` (1-based; 0 = not applicable) of
// `file_name`, e.g. "教职工.csv: line 12, column 5: not a whole number: 'x'".
[[noreturn]] void reject_at(const std::string& file_name, int line, int column, const domain::Message& problem);

}  // namespace jh::exchange

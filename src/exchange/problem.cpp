// Formats the place of a problem in an imported file (see problem.hpp).
#include "exchange/problem.hpp"

namespace jh::exchange {

void reject_at(const std::string& file_name, int line, int column, const domain::Message& problem) {
    std::string zh = file_name;
    std::string en = file_name;
    if (line > 0) {
        zh += "：第 " + std::to_string(line) + " 行";
        en += ": line " + std::to_string(line);
        if (column > 0) {
            zh += "第 " + std::to_string(column) + " 列";
            en += ", column " + std::to_string(column);
        }
    }
    throw domain::Rejected({zh + "：" + problem.zh, en + ": " + problem.en});
}

}  // namespace jh::exchange

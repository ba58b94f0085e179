// Formats the place of a problem in an imported file (see problem.hpp).
#include "exchange/problem.hpp"

namespace jh::exchange {
namespace {

domain::Message joined(const std::vector<Problem>& problems) {
    domain::Message all;
    for (const auto& p : problems) {
        const auto one = p.located();
        all.zh += (all.zh.empty() ? "" : "\n") + one.zh;
        all.en += (all.en.empty() ? "" : "\n") + one.en;
    }
    return all;
}

}  // namespace

domain::Message Problem::in_file() const {
    std::string zh, en;
    if (line > 0) {
        zh = "第 " + std::to_string(line) + " 行";
        en = "line " + std::to_string(line);
        if (column > 0) {
            zh += "第 " + std::to_string(column) + " 列";
            en += ", column " + std::to_string(column);
        }
        zh += "：";
        en += ": ";
    }
    return {zh + what.zh, en + what.en};
}

domain::Message Problem::located() const {
    const auto here = in_file();
    return {file + "：" + here.zh, file + ": " + here.en};
}

FilesRejected::FilesRejected(std::vector<Problem> problems) : domain::Rejected(joined(problems)), problems_(std::move(problems)) {}

void FileProblems::add(const std::vector<Problem>& more) {
    for (const auto& p : more) {
        if (problems_.size() < kMaxProblemsPerFile) problems_.push_back(p);
        else ++left_out_;
    }
}

void FileProblems::reject() {
    if (left_out_ > 0) {
        const std::string n = std::to_string(left_out_);
        problems_.push_back({file_, 0, 0,
                             {"另有 " + n + " 处问题未列出：请先改正以上问题，再重新导入",
                              n + " more problems not listed: correct the ones above and import again"}});
    }
    throw FilesRejected(std::move(problems_));
}

void reject_at(const std::string& file_name, int line, int column, const domain::Message& problem) {
    throw FilesRejected({Problem{file_name, line, column, problem}});
}

}  // namespace jh::exchange

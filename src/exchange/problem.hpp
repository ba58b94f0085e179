// Where an exchanged file is wrong: every rejection of an imported file names the file, and
// when known the line and column, in both languages, so a clerk can find the cell in Excel.
// A reader collects every problem of a file before giving up, so one round of corrections
// fixes them all; FilesRejected carries them, in file order, for the window to group by file.
#pragma once
#include <string>
#include <vector>

#include "domain/message.hpp"

namespace jh::exchange {

// One problem at `line`/`column` (1-based; 0 = not applicable) of `file`.
struct Problem {
    std::string file;
    int line = 0;
    int column = 0;
    domain::Message what;

    // "第 12 行第 5 列：…" / "line 12, column 5: …" (the file left out: the window groups by it).
    domain::Message in_file() const;
    // "教职工.csv: line 12, column 5: not a whole number: 'x'".
    domain::Message located() const;
};

// Thrown for problems in imported files; nothing was imported. The message lists every problem,
// one per line, each with its file.
class FilesRejected : public domain::Rejected {
public:
    explicit FilesRejected(std::vector<Problem> problems);
    const std::vector<Problem>& problems() const { return problems_; }

private:
    std::vector<Problem> problems_;
};

// The problems one file's import lists at most: a sheet pasted into the wrong template can
// fail on every one of its rows, and a list past this size helps nobody (nor the window that
// draws it). What is left out is counted in one closing problem.
inline constexpr std::size_t kMaxProblemsPerFile = 200;

// Collects one file's problems up to kMaxProblemsPerFile, counting the rest.
class FileProblems {
public:
    explicit FileProblems(std::string file) : file_(std::move(file)) {}
    void add(const std::vector<Problem>& more);
    bool empty() const { return problems_.empty(); }
    // Throws FilesRejected with the problems kept, and "N more …" when some were left out.
    [[noreturn]] void reject();

private:
    std::string file_;
    std::vector<Problem> problems_;
    std::size_t left_out_ = 0;
};

// Throws FilesRejected for `problem` at `line`/`column` of `file_name`.
[[noreturn]] void reject_at(const std::string& file_name, int line, int column, const domain::Message& problem);

}  // namespace jh::exchange

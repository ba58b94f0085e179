// What an import brings, gathered from its files before anything is written: the school
// profile, the year, and records of each kind — and the rules that make one set of files a
// consistent whole (one file per kind, one school year, no record twice).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/fields.hpp"

namespace jh::exchange {

struct Imported {
    std::optional<domain::School> school;
    std::optional<domain::SchoolYear> year;   // from the 学年 template or a snapshot
    domain::SchoolData records;               // only the record vectors are used
    std::optional<int> year_number;           // the school year every file agrees on
    std::string year_source;                  // the file that first named it
    std::map<std::string, std::string> kinds; // Entity<R>::table → the file that gave it
    std::optional<std::string> school_code;   // the 学校标识码 every file that names one agrees on
    std::string school_code_source;           // the file that first named it
    std::vector<std::string> unmarked;        // templates without a 学校标识码 column (older exports)

    // Notes that `file_name` holds records of `table`; rejects a second file of the same kind.
    void claim(std::string_view table, std::string_view zh, const std::string& file_name);
    // Agrees on the school year; a different year than earlier files is rejected at the place given.
    void agree_year(int year, const std::string& file_name, int line, int column);
    // Agrees on the school: a code other than earlier files' is rejected; an empty one (a row
    // typed in by hand) names none.
    void agree_school(const std::string& code, const std::string& file_name, int line, int column);
};

// Two records of one kind that must not both exist: the same id, or the same natural key
// (e.g. a class's stage, grade and number). `first`/`second` are positions in the vector.
struct Duplicate {
    std::size_t first = 0;
    std::size_t second = 0;
    std::string key_zh;      // the columns that clash, e.g. "学段/年级/班号"
    std::string key_en;
};
template <class R> std::optional<Duplicate> find_duplicate(const std::vector<R>& records);

// The imported content laid over `base` (the year as stored): profile and year replaced when
// given, records with a known id replaced, records with id 0 added. Nothing is removed.
domain::SchoolData merge(domain::SchoolData base, const Imported& imported);

}  // namespace jh::exchange

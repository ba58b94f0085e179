// CSV templates: one file per kind of record, the layout clerks fill in Excel. The file is
// named after the kind (Entity<R>::zh + ".csv", e.g. "教职工.csv"; the school profile is
// "学校基本信息.csv"), its header row holds the fields' Chinese names in descriptor order, and
// values are written for people (enums by Chinese label, bools 是/否). Every template but the
// school profile (which has it as its first column) ends with a 学校标识码 column holding the
// school's code on every row, so files of another school are recognised; templates written
// before that column existed are still read (Imported::unmarked names them). Reading accepts the
// columns in any order and enum codes, Chinese or English labels; a file is recognised by its
// header row, never by its name. Everything comes from the field descriptors (fields.hpp).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/fields.hpp"
#include "exchange/records.hpp"

namespace jh::exchange {

struct TextFile {
    std::string name;
    std::string text;    // UTF-8 without BOM (encode_text adds what the chosen encoding needs)
};

template <class R> std::string template_file_name() { return std::string(domain::Entity<R>::zh) + ".csv"; }

// Every template of one school year in a fixed order — the school profile, the year, then each
// kind of domain::YearEntities — with rows ordered by id and LF line ends: the same data always
// gives the same text.
std::vector<TextFile> write_templates(const domain::SchoolData& data);

// Where a file of this name comes in the export order (学校基本信息.csv 0, 学年.csv 1, …), or
// nullopt for a name no template has: files are read, and their problems listed, in this
// order — the order in which kinds depend on one another.
std::optional<std::size_t> template_order(std::string_view file_name);

// Reads one template (decoded text) into `into`. A row with an empty 编号 is a new record.
// Throws FilesRejected (problem.hpp) naming the file, line and column for an unrecognised
// header, a missing, unknown or repeated column, a row with too few cells, a value that does
// not fit its column, a record given twice (same id or same natural key), a second school year
// or a second school code — every row's problems at once; a header problem stops the file.
void read_template(std::string_view text, const std::string& file_name, Imported& into);

}  // namespace jh::exchange

// CSV templates: one file per kind of record, the layout clerks fill in Excel. The file is
// named after the kind (Entity<R>::zh + ".csv", e.g. "教职工.csv"; the school profile is
// "学校基本信息.csv"), its header row holds the fields' Chinese names in descriptor order, and
// values are written for people (enums by Chinese label, bools 是/否). Reading accepts the
// columns in any order and enum codes, Chinese or English labels; a file is recognised by its
// header row, never by its name. Everything comes from the field descriptors (fields.hpp).
#pragma once
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

// Reads one template (decoded text) into `into`. A row with an empty 编号 is a new record.
// Throws domain::Rejected naming the file, line and column for an unrecognised header, a
// missing, unknown or repeated column, a row with too few cells, a value that does not fit its
// column, a record given twice (same id or same natural key) or a second school year.
void read_template(std::string_view text, const std::string& file_name, Imported& into);

}  // namespace jh::exchange

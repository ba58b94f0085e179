// Import and export over files: the operations the `import`/`export` commands and the
// terminal's import/export screen share, so both read, check and write files the same way.
#pragma once
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "exchange/encoding.hpp"
#include "exchange/records.hpp"
#include "ops/file_io.hpp"
#include "store/store.hpp"

namespace jh::ops {

// Reads CSV templates and/or JSON snapshots (UTF-8 or GBK), checking them as one whole;
// problems are named by the path as given. Files are read in the order their kinds depend on
// one another (学校基本信息, 学年, 班级 … as exported; other names after, as given) and every
// file is read even after one fails: exchange::FilesRejected then lists every problem of every
// file. Nothing is written.
exchange::Imported read_import_files(const std::vector<std::filesystem::path>& paths);

// What an import will do, shown before it is confirmed: the school and year the files go
// into, the rows of each kind and how many of them replace stored records.
struct ImportPreview {
    struct Kind {
        std::string zh, en;          // Entity<R>::zh / ::en
        std::string file;            // the file that gives it
        std::size_t rows = 0;
        std::size_t replaced = 0;    // rows whose 编号 is stored: they replace that record
    };
    std::string school_code, school_name;
    bool new_school = false;             // the database holds no school yet: the files create it
    int year = 0;
    bool new_year = false;               // the year is not stored yet
    std::vector<Kind> kinds;             // in template order; the profile and the year are one row each
    std::vector<std::string> unmarked;   // templates without 学校标识码: whose school they are is assumed
};

// Checks the files are this school's and tells what importing them would do. Throws
// domain::Rejected when they name another school (学校标识码) or no year can be told.
ImportPreview preview_import(const store::Store& store, const exchange::Imported& imported, std::optional<int> default_year = {});

// Lays what was read over the stored school year it names (else `default_year`, else the
// latest year) and writes it in one transaction: all of it, or nothing. Files of another
// school are refused.
void import_into(store::Store& store, const exchange::Imported& imported, std::optional<int> default_year = {});

// The CSV templates of one school year, encoded for writing.
std::vector<OutputFile> template_files(const domain::SchoolData& data, exchange::Encoding encoding);

// A new folder's name for one export, so an export never replaces files people keep beside
// it: the school's code and name and the local time, "3201020001_城南小学_2025-09-01_0930".
std::string export_folder_name(const domain::School& school, std::chrono::system_clock::time_point at);
// `parent`/name, with "_2", "_3" … added when that name is taken.
std::filesystem::path unused_path(const std::filesystem::path& parent, const std::string& name, const std::string& extension = "");

}  // namespace jh::ops

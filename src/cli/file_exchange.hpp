// Import and export over files: the operations the `import`/`export` commands and the
// terminal's import/export screen share, so both read, check and write files the same way.
#pragma once
#include <filesystem>
#include <optional>
#include <vector>

#include "cli/file_io.hpp"
#include "exchange/encoding.hpp"
#include "exchange/records.hpp"
#include "store/store.hpp"

namespace jh::cli {

// Reads CSV templates and/or JSON snapshots (UTF-8 or GBK), checking them as one whole;
// problems are named by the path as given. Nothing is written.
exchange::Imported read_import_files(const std::vector<std::filesystem::path>& paths);

// Lays what was read over the stored school year it names (else `default_year`, else the
// latest year) and writes it in one transaction: all of it, or nothing.
void import_into(store::Store& store, const exchange::Imported& imported, std::optional<int> default_year = {});

// The CSV templates of one school year, encoded for writing.
std::vector<OutputFile> template_files(const domain::SchoolData& data, exchange::Encoding encoding);

}  // namespace jh::cli

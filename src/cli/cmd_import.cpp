// `junheng import PATH...`: CSV templates (UTF-8 or GBK, recognised by their header row) and/or
// a school snapshot, read and checked completely before the database is touched, then laid
// over the stored school year and written in one transaction by Store::import.
#include <filesystem>
#include <ostream>

#include "cli/command.hpp"
#include "ops/file_exchange.hpp"
#include "cli/store_access.hpp"
#include "domain/message.hpp"
#include "exchange/encoding.hpp"
#include "exchange/snapshot.hpp"
#include "exchange/templates.hpp"
#include "store/store.hpp"

namespace jh::cli {
namespace {

using exchange::Imported;

void report(std::ostream& out, const Imported& imported, const ops::ImportPreview& preview, const std::filesystem::path& db) {
    if (imported.year_number) out << "school year " << *imported.year_number << " imported into " << db.string() << ":\n";
    else out << "imported into " << db.string() << ":\n";
    if (imported.school) out << "  school profile: " << imported.school->code << " " << imported.school->name << "\n";
    domain::for_each_year_entity([&](auto tag) {
        using R = decltype(tag);
        if (imported.kinds.count(std::string(domain::Entity<R>::table)))
            out << "  " << domain::Entity<R>::en << ": " << domain::records_of<R>(imported.records).size() << "\n";
    });
    // Older templates do not say whose they are: say which school they went into.
    if (!preview.unmarked.empty()) {
        out << "note: " << preview.unmarked.size() << " file(s) without a 学校标识码 (school code) column, made before templates carried it,"
            << " were imported into school " << preview.school_code << " " << preview.school_name << ":\n";
        for (const auto& file : preview.unmarked) out << "  " << file << "\n";
    }
}

int run_import(Context& ctx) {
    auto paths = ctx.args.positionals();
    ctx.args.finish();
    if (paths.empty()) throw UsageError("import needs at least one file");
    const Imported imported = ops::read_import_files({paths.begin(), paths.end()});
    const bool existed = std::filesystem::exists(ctx.db);
    ops::ImportPreview preview;
    try {
        auto store = open_store(ctx, store::OpenMode::CreateIfMissing);
        preview = ops::preview_import(store, imported);
        ops::import_into(store, imported);
    } catch (...) {
        // A database this command created holds nothing worth keeping: leave no empty file.
        if (!existed)
            for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(ctx.db.string() + suffix);
        throw;
    }
    report(ctx.out, imported, preview, ctx.db);
    return 0;
}

}  // namespace

extern const Command import_command{
    "import", "import CSV templates (UTF-8 or GBK) and/or a school snapshot",
    "Usage: junheng [--db PATH] import PATH...\n"
    "\n"
    "Imports CSV templates (one file per kind of record, recognised by its header row, in UTF-8\n"
    "or GBK, in any order) and/or a JSON school snapshot, all into one school year, in one\n"
    "transaction. Rows with an empty 编号 (id) are new records; rows with an id replace the\n"
    "stored record with that id; stored records absent from the files are kept. Importing a\n"
    "complete export into a new database path creates that database.\n"
    "\n"
    "Every template but 学校基本信息.csv ends with a 学校标识码 (school code) column: files of\n"
    "another school than the database's are refused. Templates made before that column existed\n"
    "are still imported; the output then names the school they went into.\n"
    "\n"
    "A malformed file (wrong encoding, missing or unknown column, bad number or value, the same\n"
    "record twice, truncated file) is reported with file, line and column — every problem of\n"
    "every file, one per line — and nothing is imported (exit status 1); so are data the\n"
    "validation rules reject.\n",
    run_import};

}  // namespace jh::cli

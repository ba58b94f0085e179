// `junheng import PATH...`: CSV templates (UTF-8 or GBK, recognised by their header row) and/or
// a school snapshot, read and checked completely before the database is touched, then laid
// over the stored school year and written in one transaction by Store::import.
#include <filesystem>
#include <ostream>

#include "cli/command.hpp"
#include "cli/file_io.hpp"
#include "cli/store_access.hpp"
#include "domain/message.hpp"
#include "exchange/encoding.hpp"
#include "exchange/snapshot.hpp"
#include "exchange/templates.hpp"
#include "store/store.hpp"

namespace jh::cli {
namespace {

using exchange::Imported;

// A snapshot is a JSON object; anything else is read as a CSV template.
bool is_snapshot(std::string_view text) {
    auto first = text.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && text[first] == '{';
}

Imported read_inputs(const std::vector<std::string>& paths) {
    Imported imported;
    for (const auto& path : paths) {
        auto text = exchange::decode_text(read_file(path), path).utf8;
        if (is_snapshot(text)) exchange::add_snapshot(exchange::read_snapshot(text, path), path, imported);
        else exchange::read_template(text, path, imported);
    }
    return imported;
}

[[noreturn]] void reject(const std::string& zh, const std::string& en) { throw domain::Rejected({zh, en}); }

// The stored year the files are laid over: the files' year, else the latest stored one.
domain::SchoolData base_year(const store::Store& store, const Imported& imported) {
    auto year = imported.year_number ? imported.year_number : store.latest_year();
    if (!year)
        reject("无法确定学年：导入的文件中没有学年，数据库中也还没有学年",
               "cannot tell the school year: no imported file names one and the database has none yet");
    auto years = store.years();
    bool stored = std::any_of(years.begin(), years.end(), [&](const domain::SchoolYear& y) { return y.year == *year; });
    if (stored) return store.load(*year);
    domain::SchoolData fresh;
    if (auto school = store.school()) fresh.school = *school;
    else if (!imported.school)
        reject("数据库中还没有学校基本信息，请一并导入“学校基本信息.csv”（或先运行 init）",
               "the database has no school profile yet: include 学校基本信息.csv (or run init first)");
    fresh.year.year = *year;
    return fresh;
}

void write(store::Store& store, const Imported& imported) {
    bool only_profile = imported.school && imported.kinds.size() == 1 && !store.latest_year();
    if (only_profile) store.save_school(*imported.school);
    else store.import(exchange::merge(base_year(store, imported), imported));
}

void report(std::ostream& out, const Imported& imported, const std::filesystem::path& db) {
    if (imported.year_number) out << "school year " << *imported.year_number << " imported into " << db.string() << ":\n";
    else out << "imported into " << db.string() << ":\n";
    if (imported.school) out << "  school profile: " << imported.school->code << " " << imported.school->name << "\n";
    domain::for_each_year_entity([&](auto tag) {
        using R = decltype(tag);
        if (imported.kinds.count(std::string(domain::Entity<R>::table)))
            out << "  " << domain::Entity<R>::en << ": " << domain::records_of<R>(imported.records).size() << "\n";
    });
}

int run_import(Context& ctx) {
    auto paths = ctx.args.positionals();
    ctx.args.finish();
    if (paths.empty()) throw UsageError("import needs at least one file");
    const Imported imported = read_inputs(paths);
    const bool existed = std::filesystem::exists(ctx.db);
    try {
        auto store = open_store(ctx, store::OpenMode::CreateIfMissing);
        write(store, imported);
    } catch (...) {
        // A database this command created holds nothing worth keeping: leave no empty file.
        if (!existed)
            for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(ctx.db.string() + suffix);
        throw;
    }
    report(ctx.out, imported, ctx.db);
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
    "A malformed file (wrong encoding, missing or unknown column, bad number or value, the same\n"
    "record twice, truncated file) is reported with file, line and column and nothing is\n"
    "imported (exit status 1); so are data the validation rules reject.\n",
    run_import};

}  // namespace jh::cli

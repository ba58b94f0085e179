// The file operations shared by the import/export commands and the terminal's import/export
// screen (see file_exchange.hpp).
#include "ops/file_exchange.hpp"

#include <algorithm>
#include <ctime>
#include <limits>

#include "domain/message.hpp"
#include "exchange/problem.hpp"
#include "exchange/snapshot.hpp"
#include "exchange/templates.hpp"

namespace jh::ops {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void reject(const std::string& zh, const std::string& en) { throw domain::Rejected({zh, en}); }

int year_to_import(const store::Store& store, const exchange::Imported& imported, std::optional<int> default_year) {
    auto year = imported.year_number ? imported.year_number : default_year ? default_year : store.latest_year();
    if (!year)
        reject("无法确定学年：导入的文件中没有学年，数据库中也还没有学年",
               "cannot tell the school year: no imported file names one and the database has none yet");
    return *year;
}

bool year_stored(const store::Store& store, int year) {
    auto years = store.years();
    return std::any_of(years.begin(), years.end(), [&](const domain::SchoolYear& y) { return y.year == year; });
}

domain::SchoolData base_year(const store::Store& store, const exchange::Imported& imported, std::optional<int> default_year) {
    const int year = year_to_import(store, imported, default_year);
    if (year_stored(store, year)) return store.load(year);
    domain::SchoolData fresh;
    if (auto school = store.school()) fresh.school = *school;
    else if (!imported.school)
        reject("数据库中还没有学校基本信息，请一并导入“学校基本信息.csv”（或先运行 init）",
               "the database has no school profile yet: include 学校基本信息.csv (or run init first)");
    fresh.year.year = year;
    return fresh;
}

// Files that name a school (学校标识码) go only into that school's database.
void check_school(const store::Store& store, const exchange::Imported& imported) {
    const auto stored = store.school();
    if (!stored || !imported.school_code || *imported.school_code == stored->code) return;
    const std::string& theirs = *imported.school_code;
    reject("这些文件属于学校标识码为 " + theirs + " 的学校（见 " + imported.school_code_source + "），不是本校（" + stored->code + " " +
               stored->name + "）；没有导入任何数据",
           "these files belong to the school with code " + theirs + " (see " + imported.school_code_source +
               "), not to this school (" + stored->code + " " + stored->name + "); nothing was imported");
}

template <class R> std::size_t stored_among(const std::vector<R>& incoming, const std::vector<R>& base) {
    std::size_t n = 0;
    for (const auto& r : incoming)
        if (r.id != 0 && std::any_of(base.begin(), base.end(), [&](const R& b) { return b.id == r.id; })) ++n;
    return n;
}

std::string two_digits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

}  // namespace

exchange::Imported read_import_files(const std::vector<fs::path>& given) {
    auto paths = given;
    std::stable_sort(paths.begin(), paths.end(), [](const fs::path& a, const fs::path& b) {
        constexpr auto last = std::numeric_limits<std::size_t>::max();
        return exchange::template_order(a.filename().string()).value_or(last) <
               exchange::template_order(b.filename().string()).value_or(last);
    });
    exchange::Imported imported;
    std::vector<exchange::Problem> problems;
    for (const auto& path : paths) {
        const std::string name = path.string();
        try {
            auto text = exchange::decode_text(read_file(path), name).utf8;
            if (exchange::looks_like_snapshot(text)) exchange::add_snapshot(exchange::read_snapshot(text, name), name, imported);
            else exchange::read_template(text, name, imported);
        } catch (const exchange::FilesRejected& e) {
            problems.insert(problems.end(), e.problems().begin(), e.problems().end());
        } catch (const domain::Rejected& e) {
            problems.push_back({name, 0, 0, e.message()});
        }
    }
    if (!problems.empty()) throw exchange::FilesRejected(std::move(problems));
    return imported;
}

ImportPreview preview_import(const store::Store& store, const exchange::Imported& imported, std::optional<int> default_year) {
    check_school(store, imported);
    const auto base = base_year(store, imported, default_year);
    ImportPreview preview;
    const auto stored_school = store.school();
    const auto& school = stored_school ? *stored_school : imported.school ? *imported.school : base.school;
    preview.school_code = school.code;
    preview.school_name = school.name;
    preview.new_school = !stored_school;
    preview.year = base.year.year;
    preview.new_year = !year_stored(store, preview.year);
    preview.unmarked = imported.unmarked;
    auto file_of = [&](std::string_view table) {
        auto it = imported.kinds.find(std::string(table));
        return it == imported.kinds.end() ? std::string() : it->second;
    };
    using domain::Entity;
    if (imported.school)
        preview.kinds.push_back({std::string(Entity<domain::School>::zh), std::string(Entity<domain::School>::en),
                                 file_of(Entity<domain::School>::table), 1, stored_school ? 1u : 0u});
    if (imported.year)
        preview.kinds.push_back({std::string(Entity<domain::SchoolYear>::zh), std::string(Entity<domain::SchoolYear>::en),
                                 file_of(Entity<domain::SchoolYear>::table), 1, preview.new_year ? 0u : 1u});
    domain::for_each_year_entity([&](auto tag) {
        using R = decltype(tag);
        if (!imported.kinds.count(std::string(Entity<R>::table))) return;
        const auto& incoming = domain::records_of<R>(imported.records);
        preview.kinds.push_back({std::string(Entity<R>::zh), std::string(Entity<R>::en), file_of(Entity<R>::table), incoming.size(),
                                 stored_among(incoming, domain::records_of<R>(base))});
    });
    return preview;
}

void import_into(store::Store& store, const exchange::Imported& imported, std::optional<int> default_year) {
    check_school(store, imported);
    bool only_profile = imported.school && imported.kinds.size() == 1 && !store.latest_year();
    if (only_profile) store.save_school(*imported.school);
    else store.import(exchange::merge(base_year(store, imported, default_year), imported));
}

std::vector<OutputFile> template_files(const domain::SchoolData& data, exchange::Encoding encoding) {
    std::vector<OutputFile> out;
    for (auto& file : exchange::write_templates(data)) out.push_back({file.name, exchange::encode_text(file.text, encoding)});
    return out;
}

std::string export_folder_name(const domain::School& school, std::chrono::system_clock::time_point at) {
    const std::time_t t = std::chrono::system_clock::to_time_t(at);
    std::tm local{};
    localtime_r(&t, &local);
    std::string name = school.code + "_" + school.name;
    // A name that a file system or a USB stick formatted FAT32 refuses is left out.
    name.erase(std::remove_if(name.begin(), name.end(), [](char c) { return std::string_view("/\\:*?\"<>|").find(c) != std::string_view::npos; }),
               name.end());
    return name + "_" + std::to_string(local.tm_year + 1900) + "-" + two_digits(local.tm_mon + 1) + "-" + two_digits(local.tm_mday) + "_" +
           two_digits(local.tm_hour) + two_digits(local.tm_min);
}

fs::path unused_path(const fs::path& parent, const std::string& name, const std::string& extension) {
    fs::path path = parent / (name + extension);
    for (int n = 2; fs::exists(path); ++n) path = parent / (name + "_" + std::to_string(n) + extension);
    return path;
}

}  // namespace jh::ops

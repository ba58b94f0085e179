#include "cli/file_exchange.hpp"

#include <algorithm>

#include "domain/message.hpp"
#include "exchange/snapshot.hpp"
#include "exchange/templates.hpp"

namespace jh::cli {
namespace {

bool is_snapshot(std::string_view text) {
    auto first = text.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && text[first] == '{';
}

[[noreturn]] void reject(const std::string& zh, const std::string& en) { throw domain::Rejected({zh, en}); }

domain::SchoolData base_year(const store::Store& store, const exchange::Imported& imported, std::optional<int> default_year) {
    auto year = imported.year_number ? imported.year_number : default_year ? default_year : store.latest_year();
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

}  // namespace

exchange::Imported read_import_files(const std::vector<std::filesystem::path>& paths) {
    exchange::Imported imported;
    for (const auto& path : paths) {
        const std::string name = path.string();
        auto text = exchange::decode_text(read_file(path), name).utf8;
        if (is_snapshot(text)) exchange::add_snapshot(exchange::read_snapshot(text, name), name, imported);
        else exchange::read_template(text, name, imported);
    }
    return imported;
}

void import_into(store::Store& store, const exchange::Imported& imported, std::optional<int> default_year) {
    bool only_profile = imported.school && imported.kinds.size() == 1 && !store.latest_year();
    if (only_profile) store.save_school(*imported.school);
    else store.import(exchange::merge(base_year(store, imported, default_year), imported));
}

std::vector<OutputFile> template_files(const domain::SchoolData& data, exchange::Encoding encoding) {
    std::vector<OutputFile> out;
    for (auto& file : exchange::write_templates(data)) out.push_back({file.name, exchange::encode_text(file.text, encoding)});
    return out;
}

}  // namespace jh::cli

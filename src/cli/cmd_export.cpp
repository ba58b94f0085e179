// `junheng export --out DIR`: one school year as CSV templates (the layout import reads) or as
// one JSON school snapshot. Output is deterministic and written atomically.
#include <ostream>

#include "cli/command.hpp"
#include "ops/file_exchange.hpp"
#include "cli/option_values.hpp"
#include "cli/store_access.hpp"
#include "domain/message.hpp"
#include "exchange/encoding.hpp"
#include "exchange/snapshot.hpp"
#include "exchange/templates.hpp"
#include "store/store.hpp"

namespace jh::cli {
namespace {

exchange::Encoding parse_encoding(const std::string& text) {
    if (text == "utf8" || text == "utf-8") return exchange::Encoding::Utf8;
    if (text == "gbk" || text == "gb18030") return exchange::Encoding::Gb18030;
    throw UsageError("--encoding takes utf8 or gbk, got '" + text + "'");
}

int run_export(Context& ctx) {
    auto out_dir = ctx.args.value("--out");
    auto format = ctx.args.value("--format").value_or("csv");
    auto year = year_option(ctx.args);
    auto encoding_option = ctx.args.value("--encoding");
    ctx.args.finish();
    if (!out_dir) throw UsageError("export needs --out DIR");
    if (format != "csv" && format != "snapshot") throw UsageError("--format takes csv or snapshot, got '" + format + "'");
    if (format == "snapshot" && encoding_option) throw UsageError("--encoding applies to CSV only; a snapshot is always UTF-8");
    const auto encoding = parse_encoding(encoding_option.value_or("utf8"));

    auto store = open_store(ctx);
    const auto data = store.load(year_to_use(store, year));
    const auto files = format == "csv" ? ops::template_files(data, encoding)
                                       : std::vector<ops::OutputFile>{{exchange::snapshot_file_name(data), exchange::write_snapshot(data)}};
    ops::write_files_atomically(*out_dir, files);
    for (const auto& f : files) ctx.out << (std::filesystem::path(*out_dir) / f.name).string() << "\n";
    return 0;
}

}  // namespace

extern const Command export_command{
    "export", "export a school year as CSV templates or a JSON school snapshot",
    "Usage: junheng [--db PATH] export --out DIR [--format csv|snapshot] [--year Y] [--encoding utf8|gbk]\n"
    "\n"
    "Writes one school year (default: the latest) into DIR, creating it if needed:\n"
    "  --format csv       (default) one CSV template per kind of record, named after it\n"
    "                     (学校基本信息.csv, 学年.csv, 班级.csv, … 经费.csv): Chinese column names,\n"
    "                     rows ordered by id — the layout `import` reads\n"
    "  --format snapshot  one JSON school snapshot named <school code>_<year>.json\n"
    "                     (docs/snapshot-format.md)\n"
    "  --encoding utf8    (default) UTF-8 with BOM, which Excel opens correctly\n"
    "  --encoding gbk     GB18030 (GBK) without BOM, for older Excel and tools\n"
    "\n"
    "The same data always gives byte-identical files; files are replaced atomically, so a failed\n"
    "export never leaves half a file.\n",
    run_export};

}  // namespace jh::cli

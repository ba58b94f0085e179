// `junheng new-year YEAR`: starts a school year from the latest one, carrying forward what
// persists and asking for pupils and classes to be re-confirmed.
#include <ostream>

#include "domain/school_year.hpp"
#include "cli/command.hpp"
#include "cli/option_values.hpp"
#include "cli/store_access.hpp"

namespace jh::cli {
namespace {

int run_new_year(Context& ctx) {
    const auto from_text = ctx.args.value("--from");
    auto years = ctx.args.positionals();
    ctx.args.finish();
    if (years.size() != 1) throw UsageError("expected exactly one YEAR");
    const int to = parse_school_year(years[0], "YEAR");
    auto store = open_store(ctx);
    const auto from = from_text ? std::optional(parse_school_year(*from_text, "--from")) : store.latest_year();
    if (!from)
        throw domain::Rejected({"数据库中还没有可以结转的学年（请先运行 init 或 import）",
                                "the database holds no school year to start from (run init or import first)"});
    store.new_year(*from, to);
    const auto d = store.load(to);
    ctx.out << "started " << domain::school_year_en(to) << " from " << domain::school_year_span_en(*from) << ": carried "
            << d.staff.size() << " staff, " << d.buildings.size() << " buildings, " << d.rooms.size() << " rooms, "
            << d.grounds.size() << " sports grounds, " << d.equipment.size() << " equipment rows in use, "
            << d.classes.size() << " classes\n"
            << "pupils and classes must be re-confirmed; funds start empty\n";
    return 0;
}

}  // namespace

extern const Command new_year_command{
    "new-year", "start a school year from the latest one",
    "Usage: junheng [--db PATH] new-year YEAR [--from YEAR]\n"
    "\n"
    "Starts school year YEAR (named by its first calendar year: 2026 = 2026–2027) by carrying\n"
    "forward what persists from the latest school year (or --from YEAR): the staff roster (the\n"
    "same persons, this year's rotations cleared), buildings, rooms, sports grounds and the\n"
    "equipment not disposed of. Classes, grade rolls and cohorts are copied as a starting\n"
    "point but marked for re-confirmation; funds start empty. Training records belong to the\n"
    "persons and follow them. Every copied record is written to the audit log.\n"
    "\n"
    "Options:\n"
    "  --from YEAR   the school year to start from (default: the latest one)\n"
    "\n"
    "Exit status: 0 started; 1 YEAR exists already, is not after the source year, or there is\n"
    "no year to start from (nothing is changed); 2 usage error.\n",
    run_new_year};

}  // namespace jh::cli

// `junheng demo [--code CODE] [--year YEAR]`: fills an empty database with the demo school
// (domain/demo.hpp) so a new user, a screenshot or a test has a realistic school at once.
#include <ostream>

#include "cli/command.hpp"
#include "cli/option_values.hpp"
#include "cli/store_access.hpp"
#include "domain/demo.hpp"
#include "domain/validation.hpp"
#include "store/store.hpp"

namespace jh::cli {
namespace {

// The demo is checked before the database is touched, so a bad --code or --year leaves no
// file behind.
void require_valid(const domain::SchoolData& demo) {
    auto issues = domain::validate(demo);
    if (domain::has_errors(issues))
        throw domain::Rejected({"演示学校数据未通过校验，没有创建", "the demo school failed validation and was not created"},
                               std::move(issues));
}

void require_no_school(const store::Store& store) {
    if (auto school = store.school())
        throw domain::Rejected({"数据库中已有学校“" + school->name + "”（" + school->code + "），没有创建演示学校",
                                "the database already holds school " + school->code + " (" + school->name +
                                    "); the demo school was not created"});
}

int pupils_of(const domain::SchoolData& d) {
    int sum = 0;
    for (const auto& g : d.grades) sum += g.pupils;
    return sum;
}

int run_demo(Context& ctx) {
    const std::string code = ctx.args.value("--code").value_or(std::string(domain::kDemoSchoolCode));
    const auto year_text = ctx.args.value("--year");
    ctx.args.finish();
    const int year = year_text ? parse_school_year(*year_text, "--year") : current_school_year();

    const auto demo = domain::make_demo_school(code, year);
    require_valid(demo);
    auto store = open_store(ctx, store::OpenMode::CreateIfMissing);
    require_no_school(store);
    store.import(demo);

    ctx.out << "demo school " << demo.school.code << " " << demo.school.name << " created in " << ctx.db.string()
            << ": school year " << year << ", " << pupils_of(demo) << " pupils in " << demo.classes.size()
            << " classes, " << demo.staff.size() << " staff, " << demo.training.size() << " training records, "
            << demo.equipment.size() << " equipment rows\n";
    return 0;
}

}  // namespace

extern const Command demo_command{
    "demo", "create a realistic demo school in an empty database",
    "Usage: junheng [--db PATH] demo [--code CODE] [--year YEAR]\n"
    "\n"
    "Creates a demo school in the database: a rural nine-year school (九年一贯制) of about 900\n"
    "pupils in 22 classes, 70 staff with five years of training records, buildings, rooms,\n"
    "sports grounds, several hundred equipment rows and the year's funds. The same options\n"
    "always give the same school. Like a real village school it passes validation but misses\n"
    "a few indicators.\n"
    "\n"
    "Options:\n"
    "  --code CODE   10-digit national school code (default 3360726001)\n"
    "  --year YEAR   school year, named by its first calendar year (default: the current one)\n"
    "\n"
    "Refused (exit status 1) when the database already holds a school.\n",
    run_demo};

}  // namespace jh::cli

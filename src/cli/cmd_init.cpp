// `junheng init`: a new school database from the school profile given as options, with the
// first school year (empty, ready for data entry or import).
#include <ostream>

#include "domain/school_year.hpp"
#include "cli/command.hpp"
#include "cli/option_values.hpp"
#include "cli/store_access.hpp"
#include "domain/validation.hpp"

namespace jh::cli {
namespace {

using namespace domain;

std::string required(Args& args, std::string_view option) {
    auto value = args.value(option);
    if (!value) throw UsageError(std::string(option) + " is required");
    return *value;
}

School school_from(Args& args) {
    School school;
    school.code = required(args, "--code");
    school.name = required(args, "--name");
    school.county_code = required(args, "--county");
    school.type = parse_enum_option<SchoolType>(required(args, "--type"), "--type");
    school.location = parse_enum_option<Location>(required(args, "--location"), "--location");
    if (auto ownership = args.value("--ownership")) school.ownership = parse_enum_option<Ownership>(*ownership, "--ownership");
    school.boarding = args.flag("--boarding");
    school.township_central = args.flag("--township-central");
    school.central_school_code = args.value("--central-school");
    return school;
}

int run_init(Context& ctx) {
    const School school = school_from(ctx.args);
    const auto year_text = ctx.args.value("--year");
    ctx.args.finish();
    const int year = year_text ? parse_school_year(*year_text, "--year") : current_school_year();

    // Checked before the database is touched, so a typo leaves no file behind.
    auto issues = validate(school);
    if (has_errors(issues))
        throw Rejected({"学校基本信息未通过校验，没有初始化", "the school profile failed validation; nothing was created"},
                       std::move(issues));
    auto store = open_store(ctx, store::OpenMode::CreateIfMissing);
    if (auto existing = store.school())
        throw Rejected({"数据库已经属于学校“" + existing->name + "”（" + existing->code + "），没有重新初始化",
                        "the database already holds school " + existing->code + " (" + existing->name +
                            "); it was not initialised again"});
    store.transaction([&] {
        store.save_school(school);
        store.create_year(year);
    });
    ctx.out << "initialised " << ctx.db.string() << ": school " << school.code << " " << school.name << " ("
            << en(school.type) << ", " << en(school.location) << "), " << domain::school_year_en(year) << "\n";
    return 0;
}

}  // namespace

extern const Command init_command{
    "init", "create a school database from the school profile",
    "Usage: junheng [--db PATH] init --code CODE --name NAME --county CODE --type TYPE\n"
    "                             --location LOCATION [--ownership OWNERSHIP] [--boarding]\n"
    "                             [--township-central] [--central-school CODE] [--year YEAR]\n"
    "\n"
    "Creates the school database (if the file does not exist yet), stores the school profile\n"
    "and starts the first school year, empty and ready for data entry or `import`.\n"
    "\n"
    "Options:\n"
    "  --code CODE              学校标识码: the 10-digit national school code\n"
    "  --name NAME              the school's name\n"
    "  --county CODE            the 6-digit county (administrative division) code\n"
    "  --type TYPE              办学类型: primary (小学), junior (初中), nine_year (九年一贯制),\n"
    "                           twelve_year (十二年一贯制), complete_secondary (完全中学),\n"
    "                           teaching_point (教学点), special_education (特殊教育学校)\n"
    "  --location LOCATION      城乡分类: urban (城区), town (镇区), rural (乡村)\n"
    "  --ownership OWNERSHIP    public (公办, the default), funded_private (政府购买学位民办),\n"
    "                           private (民办)\n"
    "  --boarding               the school boards pupils (寄宿制)\n"
    "  --township-central       the school is a township central school (乡镇中心学校), a role\n"
    "                           some local plans key rules on (Jiangsu's full-time counsellor)\n"
    "  --central-school CODE    a teaching point's central school (中心校), 10 digits\n"
    "  --year YEAR              first school year, named by its first calendar year\n"
    "                           (2025 = 2025–2026; default: the current one)\n"
    "\n"
    "Values of TYPE, LOCATION and OWNERSHIP may be given as the code or the Chinese label.\n"
    "\n"
    "Exit status: 0 created; 1 the profile is invalid or the database already holds a school\n"
    "(nothing is changed); 2 usage error.\n"
    "\n"
    "Example:\n"
    "  junheng --db school.db init --code 3101010001 --name 青山学校 --county 310101 \\\n"
    "      --type nine_year --location rural --boarding --year 2025\n",
    run_init};

}  // namespace jh::cli

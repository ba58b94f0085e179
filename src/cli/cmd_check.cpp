// `junheng check`: is the database sound and its data right? SQLite's integrity check, the
// audit log's hash chain, and the domain validation of a school year (with the year-on-year
// warnings against the year before it).
#include <ostream>

#include "domain/school_year.hpp"
#include "cli/command.hpp"
#include "cli/option_values.hpp"
#include "cli/store_access.hpp"
#include "domain/validation.hpp"

namespace jh::cli {
namespace {

using namespace domain;

std::string counted(std::size_t n, const std::string& noun) { return std::to_string(n) + " " + noun + (n == 1 ? "" : "s"); }

// Prints the findings and returns how many are errors.
std::size_t report_integrity(std::ostream& out, const store::Store& store) {
    const auto problems = store.integrity_problems();
    out << "database integrity: " << (problems.empty() ? "ok" : std::to_string(problems.size()) + " problems") << "\n";
    for (const auto& p : problems) out << "  error: " << p << "\n";
    return problems.size();
}

std::size_t report_audit(std::ostream& out, const store::Store& store) {
    const auto chain = store.verify_audit();
    out << "audit log: " << chain.entries << " entries, ";
    if (chain.intact) {
        out << "hash chain intact\n";
        return 0;
    }
    out << "hash chain BROKEN\n  error: entry " << chain.first_bad_seq
        << " does not match the chain: the history was changed outside Junheng from there on\n";
    return 1;
}

std::optional<int> year_before(const store::Store& store, int year) {
    std::optional<int> previous;
    for (const auto& y : store.years())
        if (y.year < year) previous = y.year;
    return previous;
}

std::size_t report_year(std::ostream& out, const store::Store& store, int year) {
    const auto data = store.load(year);
    auto issues = validate(data);
    if (auto previous = year_before(store, year)) {
        auto changes = compare_years(store.load(*previous), data);
        issues.insert(issues.end(), changes.begin(), changes.end());
    }
    std::size_t errors = 0;
    for (const auto& i : issues) errors += i.severity == Severity::Error;
    out << domain::school_year_en(year) << ": " << counted(errors, "error") << ", "
        << counted(issues.size() - errors, "warning") << (data.year.pupils_confirmed ? "" : " (pupils and classes not yet re-confirmed)") << "\n";
    for (const auto& i : issues)
        out << "  " << (i.severity == Severity::Error ? "error" : "warning") << ": " << i.message.en << "\n";
    return errors;
}

int run_check(Context& ctx) {
    const auto year_text = ctx.args.value("--year");
    ctx.args.finish();
    auto store = open_store(ctx);
    std::size_t errors = report_integrity(ctx.out, store) + report_audit(ctx.out, store);
    const auto year = year_text ? std::optional(parse_school_year(*year_text, "--year")) : store.latest_year();
    if (year) errors += report_year(ctx.out, store, *year);
    else ctx.out << "school year: none stored yet\n";
    if (errors == 0) return 0;
    ctx.err << "junheng: check found " << counted(errors, "error") << "\n";
    return 1;
}

}  // namespace

extern const Command check_command{
    "check", "check the database's integrity, audit chain and data",
    "Usage: junheng [--db PATH] check [--year YEAR]\n"
    "\n"
    "Checks, and reports on standard output:\n"
    "  1. the database file: SQLite's integrity check and foreign keys;\n"
    "  2. the audit log: every entry's hash and its link to the entry before, so a history\n"
    "     rewritten or cut short outside Junheng is found;\n"
    "  3. the data of a school year: every validation rule, and the year-on-year warnings\n"
    "     against the school year before it.\n"
    "Warnings are printed but do not fail the check; the user confirms or corrects them.\n"
    "\n"
    "Options:\n"
    "  --year YEAR   the school year to validate (default: the latest one)\n"
    "\n"
    "Exit status: 0 no errors (warnings possible); 1 errors found (listed; the count also on\n"
    "standard error) or no such database; 2 usage error.\n",
    run_check};

}  // namespace jh::cli

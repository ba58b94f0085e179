// The terminal's demo school is pinned: the county generator beside it (demo.hpp) must not
// change a byte of it — tests, the user guide and the snapshot sizes issue 8 quotes depend on
// it. The hashes were taken from the generator before the county generator was added.
#include <doctest/doctest.h>

#include <string>

#include "domain/audit_entry.hpp"
#include "domain/demo.hpp"
#include "domain/record_json.hpp"

using namespace jh::domain;

namespace {

// Every record of the school in record_json form (every field, keys sorted), one per line, in
// SchoolData order: equal text means equal schools, record for record.
std::string canonical(const SchoolData& d) {
    std::string out = record_json(d.school).dump() + "\n" + record_json(d.year).dump() + "\n";
    for_each_year_entity([&](auto tag) {
        using R = decltype(tag);
        for (const auto& record : records_of<R>(d)) out += record_json(record).dump() + "\n";
    });
    return out;
}

}  // namespace

TEST_CASE("demo: the terminal's demo school is pinned byte for byte") {
    const auto d = make_demo_school(std::string(kDemoSchoolCode), 2025);
    CHECK(d.classes.size() == 22);
    CHECK(d.staff.size() == 70);
    CHECK(d.training.size() == 1420);
    CHECK(d.rooms.size() == 36);
    CHECK(d.equipment.size() == 357);
    CHECK(d.school.name == "安远县堃溪镇琰山九年一贯制学校");
    CHECK(sha256_hex(canonical(d)) == "e0bf9288d6268e73786f15a6e2c02700cc3a41a9f2857c907108fe00ca64a4c6");
    // Another seed, code and year: the seed and year still drive the same generator.
    CHECK(sha256_hex(canonical(make_demo_school("3360726042", 2031, 42))) ==
          "74dc2ce31225ca6034f16d7fe64e806166bc620014ce059ee3e1e583daae2e9d");
}

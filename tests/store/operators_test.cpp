// Operators: PINs stored only as Argon2id hashes and verified against them.
#include <doctest/doctest.h>

#include "store_fixture.hpp"

using namespace jh;
using jh::test::TempDir;

TEST_CASE("an operator's PIN is hashed and verified") {
    TempDir dir;
    auto db = dir / "school.db";
    auto s = store::Store::open(db);
    const auto admin = s.add_operator("校长", domain::OperatorRole::Admin, "2468");
    const auto clerk = s.add_operator("填报员", domain::OperatorRole::Clerk, "");
    CHECK(s.verify_pin(admin, "2468"));
    CHECK_FALSE(s.verify_pin(admin, "2469"));
    CHECK_FALSE(s.verify_pin(admin, ""));
    CHECK(s.verify_pin(clerk, ""));
    CHECK_FALSE(s.verify_pin(clerk, "1"));
    CHECK_FALSE(s.verify_pin(999, ""));

    const auto stored = test::raw_query(db, "SELECT pin_hash FROM operator WHERE id = " + std::to_string(admin));
    CHECK(stored.rfind("$argon2id$", 0) == 0);
    CHECK(stored.find("2468") == std::string::npos);

    auto ops = s.operators();
    REQUIRE(ops.size() == 2);
    CHECK(ops[0].role == domain::OperatorRole::Admin);
    CHECK_THROWS_AS(s.add_operator("校长", domain::OperatorRole::Clerk, ""), domain::Rejected);
    CHECK_THROWS_AS(s.add_operator("", domain::OperatorRole::Clerk, ""), domain::Rejected);

    auto deactivated = ops[0];
    deactivated.active = false;
    s.update(deactivated);
    CHECK_FALSE(s.verify_pin(admin, "2468"));
}

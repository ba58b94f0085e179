// What the UI says when a write fails: the domain's own words for a duplicate, beside its
// field, before any write; and when the store refuses anyway or something unexpected is thrown,
// a plain Chinese message — SQLite's text goes to the log, never to the screen.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "domain/demo.hpp"
#include "ui/demo_database.hpp"
#include "domain/validation.hpp"
#include "store/connection.hpp"
#include "ui/intents.hpp"
#include "ui/worker.hpp"

using jh::ui::Language;
using jh::ui::Model;

namespace {

namespace fs = std::filesystem;
constexpr int kYear = jh::test::kDemoYear;

using jh::test::DemoDatabase;

// No trace of SQLite's own words in a text people read.
void check_plain(const std::string& text) {
    INFO(text);
    for (const char* raw : {"UNIQUE", "constraint", "SQL", "sqlite", "class.year", "funds.year", "no such table"})
        CHECK(text.find(raw) == std::string::npos);
}

}  // namespace

TEST_CASE("a duplicate class the store refuses reaches the UI without SQLite's words") {
    DemoDatabase db;
    Model m(Language::Zh);
    const auto existing = db.store->load(kYear).classes.at(0);
    auto duplicate = existing;
    duplicate.id = 0;
    // The store's UNIQUE constraint, the last line behind the domain rule, fires here.
    auto reply = jh::ui::attempt(7, [&] { db.store->insert(duplicate); });
    REQUIRE(reply);
    (*reply)(m);
    CHECK(m.failed_tickets.contains(7));
    CHECK(m.status.kind == jh::ui::Status::Kind::Error);
    CHECK_FALSE(m.status.message.zh.empty());
    check_plain(m.status.message.zh);
    check_plain(m.status.message.en);
    // …and the form would not have let it go that far: the domain rule names the class.
    const auto found = jh::domain::validate_among(duplicate, db.store->load(kYear));
    REQUIRE(found.size() == 1);
    CHECK(found[0].message.zh.find("本学年已有") == 0);
}

TEST_CASE("an unexpected store error is shown as a plain message, for any job") {
    DemoDatabase db;
    Model m(Language::Zh);
    auto reply = jh::ui::attempt(3, [] { throw jh::store::SqliteError(1, "reading drafts", "no such table: draft"); });
    REQUIRE(reply);
    (*reply)(m);
    CHECK(m.failed_tickets.contains(3));
    check_plain(m.status.message.zh);
    check_plain(m.status.message.en);
    CHECK(m.status.message.zh.find("未做任何修改") != std::string::npos);

    // A job without a ticket (the worker's own catch).
    Model other(Language::Zh);
    {
        jh::ui::Worker worker(std::move(*db.store), [] {});
        db.store.reset();
        worker.post([](jh::store::Store&) -> jh::ui::Reply { throw std::runtime_error("UNIQUE constraint failed: x.y"); });
        worker.wait_idle();
        for (auto& r : worker.take_replies()) r(other);
    }
    CHECK(other.status.kind == jh::ui::Status::Kind::Error);
    check_plain(other.status.message.zh);
    check_plain(other.status.message.en);
}

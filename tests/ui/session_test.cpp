// Who may undo what, and what the next person finds: locking the terminal (or another
// operator) ends the previous session's undo, even for a save still on its way; a form left
// open keeps its draft and offers it back; and the top bar's undo button reads as one phrase,
// shortened with "…" when the bar has no room. The writes run against a real database file.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include "domain/demo.hpp"
#include "ui/demo_database.hpp"
#include "ui/fonts.hpp"
#include "ui/record_form.hpp"
#include "ui/shell.hpp"
#include "ui/widgets.hpp"

using jh::ui::Language;
using jh::ui::Model;

namespace {

namespace fs = std::filesystem;
constexpr int kYear = jh::test::kDemoYear;

using jh::test::DemoDatabase;

// Runs the jobs a frame's intents asked for, as the worker would, and applies their replies.
void run_jobs(jh::ui::Intents& in, jh::store::Store& store, Model& m) {
    for (auto& job : in.take_jobs())
        if (auto reply = job(store)) reply(m);
}

jh::ui::UndoStep step(std::string zh, std::string en) { return {{std::move(zh), std::move(en)}, [](jh::store::Store&) {}}; }

// Each character one unit wide: the width of text as a terminal would count it.
float characters(std::string_view text) {
    float n = 0;
    jh::ui::for_each_codepoint(text, [&](char32_t) { ++n; });
    return n;
}

}  // namespace

TEST_CASE("locking drops the pending undo and the status of the session before") {
    Model m(Language::Zh);
    m.undo = step("修改班级", "classes edited");
    m.report_error({"操作员“郑喆”已经存在", "operator '郑喆' already exists"}, {});
    m.lock();
    CHECK(m.locked);
    CHECK_FALSE(m.undo);
    CHECK(m.status.kind == jh::ui::Status::Kind::None);
    CHECK(m.status.message.en.empty());
}

TEST_CASE("a change saved just before the lock is not offered for undo after it") {
    DemoDatabase db;
    Model m(Language::Zh);
    std::uint64_t tickets = 0;
    m.apply(jh::ui::take_snapshot(*db.store, kYear, jh::ui::kDefaultPack));
    auto edited = m.data->classes.front();
    edited.pupils += 1;

    jh::ui::Intents saving(kYear, jh::ui::kDefaultPack, tickets);
    saving.save(edited);
    m.lock();   // Ctrl+L in the frames before the worker's reply is applied
    run_jobs(saving, *db.store, m);
    CHECK(db.store->get<jh::domain::ClassGroup>(edited.id)->pupils == edited.pupils);   // saved all the same
    CHECK_FALSE(m.undo);

    // Unlocked, the same save is offered for undo again.
    m.locked = false;
    edited.pupils += 1;
    jh::ui::Intents again(kYear, jh::ui::kDefaultPack, tickets);
    again.save(edited);
    run_jobs(again, *db.store, m);
    REQUIRE(m.undo);
    CHECK(m.undo->label.zh == "修改班级");
    CHECK(m.undo->label.en == "classes edited");
}

TEST_CASE("another operator cannot undo the previous one's change but the same one still can") {
    Model m(Language::Zh);
    m.set_operator("郑喆");
    m.undo = step("新增班级", "classes added");
    m.set_operator("郑喆");
    CHECK(m.undo);
    m.set_operator("王琰");
    CHECK_FALSE(m.undo);
    CHECK(m.operator_name == "王琰");
}

TEST_CASE("the undo button names the change once, in either language") {
    CHECK(jh::ui::undo_label(Model(Language::Zh), "修改班级") == "撤销：修改班级 (Ctrl+Z)");
    CHECK(jh::ui::undo_label(Model(Language::En), "classes edited") == "Undo: classes edited (Ctrl+Z)");
}

TEST_CASE("a label too wide is cut at a character boundary and ends with an ellipsis") {
    CHECK(jh::ui::ellipsized("修改学校基本信息", 8, characters) == "修改学校基本信息");   // fits as is
    CHECK(jh::ui::ellipsized("修改学校基本信息", 5, characters) == "修改学校…");
    CHECK(jh::ui::ellipsized("sports grounds deleted", 10, characters) == "sports gr…");
    CHECK(jh::ui::ellipsized("修改学校基本信息", 1, characters) == "…");
    CHECK(jh::ui::ellipsized("修改学校基本信息", 0, characters) == "…");   // nothing fits: the ellipsis alone
    // Measured with what surrounds it: the whole button label must fit.
    const auto button = [](std::string_view change) { return characters(jh::ui::undo_label(Model(Language::Zh), change)); };
    CHECK(jh::ui::ellipsized("修改学校基本信息", 16, button) == "修改学…");
}

TEST_CASE("a form closed with its edits kept offers them back, one discarded does not") {
    using jh::domain::ClassGroup;
    Model m(Language::Zh);
    std::uint64_t tickets = 0;
    jh::ui::RecordForm<ClassGroup> form("form:class", {"id", "year"});
    ClassGroup prototype;
    prototype.year = kYear;
    const std::vector<ClassGroup> records;

    m.drafts["form:class"] = R"({"id":0,"fields":{"grade":"6","number":"9","pupils":"30"}})";
    form.restore_draft(m, records, prototype, 1);   // a draft left by the session before
    REQUIRE(form.open());
    CHECK(form.dirty());

    jh::ui::Intents locking(kYear, jh::ui::kDefaultPack, tickets);
    form.close(locking, /*discard=*/false);   // the terminal locks
    CHECK_FALSE(form.open());
    CHECK(locking.drafts_changed().empty());   // the draft stays in the database
    CHECK(form.has_kept_draft(m));
    form.restore_draft(m, records, prototype, 5);   // the screen is shown again
    CHECK(form.open());
    CHECK(form.dirty());

    // Kept with Esc while the form stays in view: not reopened on the next frame, only when asked.
    jh::ui::Intents escaping(kYear, jh::ui::kDefaultPack, tickets);
    form.close(escaping, /*discard=*/false);
    form.restore_draft(m, records, prototype, 6);
    form.restore_draft(m, records, prototype, 7);
    CHECK_FALSE(form.open());
    form.resume_draft(m, records, prototype);
    CHECK(form.open());

    jh::ui::Intents discarding(kYear, jh::ui::kDefaultPack, tickets);
    form.close(discarding, /*discard=*/true);
    REQUIRE(discarding.drafts_changed().size() == 1);
    CHECK_FALSE(discarding.drafts_changed().front().second);   // the draft is cleared
    form.restore_draft(m, records, prototype, 20);              // not reopened, whatever the model still holds
    CHECK_FALSE(form.open());
}

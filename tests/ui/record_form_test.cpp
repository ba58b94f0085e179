// The record form's logic that needs no window: its drafts keep which fields are still to
// choose (a new teacher's certificate stays unanswered across a crash), its Tab order wraps
// over the fields shown, and the arrow keys step a choice from "nothing chosen".
#include <doctest/doctest.h>

#include "ui/record_form.hpp"

using jh::ui::decode_draft;
using jh::ui::encode_draft;
using jh::ui::next_field;
using jh::ui::step_choice;

TEST_CASE("a draft keeps each field's text and the fields not chosen yet") {
    const std::vector<std::string_view> keys{"name", "gender", "certified", "subject"};
    const std::string stored = encode_draft(0, keys, {"李堃", "", "", "语文"}, {false, true, true, false});
    const auto d = decode_draft(stored, keys);
    REQUIRE(d);
    CHECK(d->id == 0);
    CHECK(d->buffers == std::vector<std::optional<std::string>>{"李堃", "", "", "语文"});
    CHECK(d->unset == std::vector<bool>{false, true, true, false});
    // A chosen "no" is not the same as not chosen.
    const auto chosen = decode_draft(encode_draft(7, keys, {"李堃", "male", "0", ""}, {false, false, false, false}), keys);
    REQUIRE(chosen);
    CHECK(chosen->id == 7);
    CHECK(chosen->unset == std::vector<bool>{false, false, false, false});
    CHECK(*chosen->buffers[2] == "0");
}

TEST_CASE("drafts written before unset fields existed, and damaged ones, read safely") {
    const std::vector<std::string_view> keys{"grade", "pupils", "number"};
    const auto old = decode_draft(R"({"id":3,"fields":{"grade":"2","pupils":"14"}})", keys);
    REQUIRE(old);
    CHECK(old->id == 3);
    CHECK(old->buffers == std::vector<std::optional<std::string>>{"2", "14", std::nullopt});
    CHECK(old->unset == std::vector<bool>{false, false, false});
    CHECK_FALSE(decode_draft("{not json", keys));
    CHECK_FALSE(decode_draft(R"({"id":3})", keys));
    CHECK_FALSE(decode_draft(R"([1,2])", keys));
}

TEST_CASE("Tab goes to the next field shown and wraps, Shift+Tab goes back") {
    const std::vector<bool> shown{false, true, true, false, true};   // id hidden, …, a hidden field
    CHECK(next_field(shown, -1, false) == 1);
    CHECK(next_field(shown, 1, false) == 2);
    CHECK(next_field(shown, 2, false) == 4);
    CHECK(next_field(shown, 4, false) == 1);
    CHECK(next_field(shown, -1, true) == 4);
    CHECK(next_field(shown, 1, true) == 4);
    CHECK(next_field(shown, 4, true) == 2);
    CHECK(next_field({false, false}, -1, false) == -1);
    CHECK(next_field({}, 0, false) == -1);
}

TEST_CASE("the arrows step a choice, from nothing chosen to the first or the last") {
    CHECK(step_choice(-1, 3, false) == 0);
    CHECK(step_choice(-1, 3, true) == 2);
    CHECK(step_choice(0, 3, false) == 1);
    CHECK(step_choice(2, 3, false) == 2);
    CHECK(step_choice(0, 3, true) == 0);
    CHECK(step_choice(-1, 0, false) == -1);
}

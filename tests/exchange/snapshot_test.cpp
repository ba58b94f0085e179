#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "domain/message.hpp"
#include "exchange/snapshot.hpp"
#include "fixture.hpp"

using namespace jh::exchange;
using namespace jh::domain;

namespace {
std::string rejection(std::string_view json) {
    try {
        read_snapshot(json, "s.json");
    } catch (const Rejected& e) {
        return e.message().en;
    }
    return "accepted";
}

// The sample's snapshot with one change applied to its JSON.
std::string edited(const std::function<void(nlohmann::ordered_json&)>& edit) {
    auto doc = nlohmann::ordered_json::parse(write_snapshot(jh::test::sample_school()));
    edit(doc);
    return doc.dump();
}
}  // namespace

TEST_CASE("snapshot: round trip is exact and deterministic") {
    const auto data = jh::test::sample_school();
    const auto text = write_snapshot(data);
    CHECK(text == write_snapshot(data));
    auto back = read_snapshot(text, "s.json");
    CHECK(write_snapshot(back) == text);
    CHECK(back.staff[0].name == "王𠮷");
    CHECK(back.training[1].hours == 0.1);
    CHECK(snapshot_file_name(data) == "3601020001_2025.json");
}

TEST_CASE("snapshot: keyed by field keys, enums by code, records ordered by id") {
    auto data = jh::test::sample_school();
    std::swap(data.classes[0], data.classes[2]);
    auto doc = nlohmann::json::parse(write_snapshot(data));
    CHECK(doc["format"] == "junheng-school-snapshot");
    CHECK(doc["version"] == 1);
    CHECK(doc["school"]["type"] == "nine_year");
    CHECK(doc["school"]["boarding"] == true);
    CHECK(doc["school"]["central_school_code"].is_null());
    CHECK(doc["classes"][0]["id"] == 11);
    CHECK(doc["classes"][2]["stage"] == "junior");
    CHECK(doc["equipment"][1]["disposed"] == "2024-06-30");
}

TEST_CASE("snapshot: a newer version is refused, other formats rejected") {
    CHECK(rejection(edited([](auto& d) { d["version"] = 2; })).starts_with("s.json: version: snapshot version 2 was written by a newer Junheng"));
    CHECK(rejection(edited([](auto& d) { d["format"] = "other"; })).starts_with("s.json: format: not a Junheng school snapshot"));
    CHECK(rejection(edited([](auto& d) { d.erase("rooms"); })) == "s.json: rooms: missing key");
    CHECK(rejection(edited([](auto& d) { d["extra"] = 1; })) == "s.json: extra: unknown key");
}

TEST_CASE("snapshot: bad records are located by their JSON path") {
    CHECK(rejection(edited([](auto& d) { d["classes"][1]["pupils"] = "many"; }))
              .starts_with("s.json: classes[1].pupils: invalid value or wrong type for pupils"));
    CHECK(rejection(edited([](auto& d) { d["staff"][0]["gender"] = "x"; })).starts_with("s.json: staff[0].gender:"));
    CHECK(rejection(edited([](auto& d) { d["staff"][0].erase("name"); })) == "s.json: staff[0].name: missing key");
    CHECK(rejection(edited([](auto& d) { d["rooms"][0]["colour"] = "red"; })) == "s.json: rooms[0]: unknown key 'colour'");
    CHECK(rejection(edited([](auto& d) { d["equipment"][1]["id"] = 91; })) == "s.json: equipment[1]: duplicate id: same as equipment[0]");
    CHECK(rejection(edited([](auto& d) { d["grounds"][0]["year"] = 2024; }))
              .starts_with("s.json: grounds[0].year: differs from the snapshot's school year 2025"));
}

TEST_CASE("snapshot: truncated JSON is rejected with line and column") {
    auto text = write_snapshot(jh::test::sample_school());
    auto cut = text.substr(0, text.find("\"staff\""));
    auto message = rejection(cut);
    const auto lines = std::count(cut.begin(), cut.end(), '\n');
    CHECK(message.starts_with("s.json: line " + std::to_string(lines + 1) + ", column "));
    CHECK(message.find("malformed JSON") != std::string::npos);
}

TEST_CASE("snapshot: a number beyond any double is rejected, not thrown past the reader") {
    // Found by tests/fuzz/fuzz_snapshot: nlohmann's out_of_range escaped read_snapshot.
    auto message = rejection("{\"format\": \"junheng-school-snapshot\", \"version\": 6010E20001}");
    CHECK(message.find("number out of range") != std::string::npos);
}

TEST_CASE("snapshot: a snapshot written before keys were added reads, the new members at their defaults") {
    // Issue 12: "snapshots exported by earlier versions still import"; docs/snapshot-format.md
    // "Keys added later".
    const auto old = edited([](nlohmann::ordered_json& doc) {
        doc["school"].erase("township_central");
        doc["year"].erase("charter");
        doc["year"].erase("digitised");
        for (auto& g : doc["grounds"]) g.erase("within_walk");
    });
    const auto data = read_snapshot(old, "old.json");
    CHECK_FALSE(data.school.township_central);
    CHECK_FALSE(data.year.charter);
    CHECK_FALSE(data.year.digitised);
    CHECK_FALSE(data.grounds.at(1).within_walk);
    CHECK(rejection(edited([](nlohmann::ordered_json& doc) { doc["year"].erase("status"); })).find("missing key") != std::string::npos);
}

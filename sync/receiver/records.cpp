// Decoding, flagging and rebuilding the records of the live copy; see records.hpp.
#include "sync/receiver/records.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <stdexcept>
#include <tuple>
#include <unordered_set>

#include "domain/fields.hpp"
#include "domain/record_json.hpp"
#include "domain/validation.hpp"
#include "sync/receiver/store.hpp"

namespace jh::sync::receiver {
namespace {

using SyncedKinds = std::tuple<domain::School, domain::SchoolYear, domain::ClassGroup, domain::GradeRoll, domain::Cohort,
                               domain::Staff, domain::Training, domain::Building, domain::Room, domain::Ground,
                               domain::Equipment, domain::Funds>;
static_assert(std::tuple_size_v<SyncedKinds> == protocol::kSyncedTables.size(),
              "every synced table needs its record kind here");

// Calls f(R{}) with the record kind stored in `table`; false for a table of no synced kind.
template <class F> bool with_kind(std::string_view table, F&& f) {
    bool found = false;
    std::apply([&](auto... tag) { ((!found && domain::Entity<decltype(tag)>::table == table ? (f(tag), found = true) : false), ...); },
               SyncedKinds{});
    return found;
}

template <class R> std::optional<R> decode(const std::string& text, std::string& problem) {
    const auto json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded()) {
        problem = "the record is not valid JSON";
        return std::nullopt;
    }
    return domain::record_from_json<R>(json, problem);
}

std::string first_errors(const std::vector<domain::Issue>& issues) {
    std::string out;
    int n = 0;
    for (const auto& i : issues) {
        if (i.severity != domain::Severity::Error) continue;
        if (n++ == 3) {
            out += "; …";
            break;
        }
        if (!out.empty()) out += "; ";
        out += i.message.en;
    }
    return out;
}

}  // namespace

std::optional<domain::School> decode_school(const std::string& json) {
    std::string problem;
    return decode<domain::School>(json, problem);
}

std::optional<std::string> entry_flag(const protocol::WireEntry& e, std::optional<domain::School>& school) {
    if (e.stub || e.action == "delete") return std::nullopt;
    std::optional<std::string> flag;
    const bool known = with_kind(e.table, [&](auto tag) {
        using R = decltype(tag);
        std::string problem;
        auto record = decode<R>(e.new_json, problem);
        if (!record) {
            flag = "the record does not decode: " + problem;
            return;
        }
        if (record->id != e.record_id) {
            flag = "the record's id " + std::to_string(record->id) + " differs from the entry's " + std::to_string(e.record_id);
            return;
        }
        if constexpr (std::is_same_v<R, domain::School>) {
            if (auto errors = first_errors(domain::validate(*record)); !errors.empty()) flag = "fails validation: " + errors;
            else school = *record;
        } else if constexpr (!std::is_same_v<R, domain::SchoolYear>) {
            if (school)
                if (auto errors = first_errors(domain::validate(*record, *school)); !errors.empty())
                    flag = "fails validation: " + errors;
        }
    });
    if (!known) flag = "table " + e.table + " is not a synced record kind";
    return flag;
}

std::vector<int> years_held(const std::vector<LiveRecord>& records) {
    std::set<int> years;
    for (const auto& r : records) {
        if (r.table != domain::Entity<domain::SchoolYear>::table) continue;
        std::string problem;
        if (auto y = decode<domain::SchoolYear>(r.json, problem)) years.insert(y->year);
    }
    return {years.begin(), years.end()};
}

domain::SchoolData rebuild_year(const std::vector<LiveRecord>& records, int year, std::vector<std::string>& skipped) {
    domain::SchoolData data;
    bool have_school = false, have_year = false;
    std::vector<domain::Training> training;
    for (const auto& r : records) {
        with_kind(r.table, [&](auto tag) {
            using R = decltype(tag);
            std::string problem;
            auto record = decode<R>(r.json, problem);
            if (!record) {
                skipped.push_back(r.table + " " + std::to_string(r.record_id) + ": " + problem);
                return;
            }
            if constexpr (std::is_same_v<R, domain::School>) {
                data.school = *record;
                have_school = true;
            } else if constexpr (std::is_same_v<R, domain::SchoolYear>) {
                if (record->year == year) {
                    data.year = *record;
                    have_year = true;
                }
            } else if constexpr (std::is_same_v<R, domain::Training>) {
                training.push_back(*record);
            } else {
                if (record->year == year) domain::records_of<R>(data).push_back(*record);
            }
        });
    }
    if (!have_school) throw std::runtime_error("the bureau holds no school profile for this school yet");
    if (!have_year) throw std::runtime_error("the bureau holds no school year " + std::to_string(year) + " for this school");
    // As the terminal's export: the training of the persons on that year's staff, all dates.
    std::unordered_set<domain::Id> persons;
    for (const auto& s : data.staff) persons.insert(s.person_id);
    for (auto& t : training)
        if (persons.count(t.person_id)) data.training.push_back(std::move(t));
    domain::for_each_year_entity([&](auto tag) {
        using R = decltype(tag);
        auto& v = domain::records_of<R>(data);
        std::sort(v.begin(), v.end(), [](const R& a, const R& b) { return a.id < b.id; });
    });
    return data;
}

}  // namespace jh::sync::receiver

// School years: creating, carrying forward into a new year, confirming, submitting (after
// which the year is read-only) and loading a whole year.
#include <algorithm>

#include "domain/school_year.hpp"
#include "domain/fields.hpp"
#include "store/clock.hpp"
#include "store/store_impl.hpp"

namespace jh::store {
namespace {

using domain::SchoolYear;
using domain::YearStatus;

using domain::school_year_en;
using domain::school_year_zh;

[[noreturn]] void reject(std::string zh, std::string en) { throw domain::Rejected(domain::Message{zh, en}); }

[[noreturn]] void reject_no_year(int year) {
    reject("没有 " + school_year_zh(year), "there is no " + school_year_en(year) + " in this database");
}

// What a new year starts with: a copy of what persists, as a new record of the new year.
template <class R> bool carried_forward(const R&) { return true; }
bool carried_forward(const domain::Equipment& e) { return !e.disposed; }

template <class R> R for_new_year(R record, int year) {
    record.id = 0;
    record.year = year;
    if constexpr (std::is_same_v<R, domain::Staff>) record.rotation = domain::Rotation::None;  // person_id kept
    return record;
}

}  // namespace

std::optional<SchoolYear> Store::Impl::year_row(int year) {
    auto rows = select<SchoolYear>("\"year\" = ?", {std::int64_t{year}});
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

void Store::Impl::require_writable(int year) {
    auto row = year_row(year);
    if (!row) reject_no_year(year);
    if (row->status == YearStatus::Submitted)
        reject(school_year_zh(year) + "的数据已经上报，只能查看，不能修改",
               school_year_en(year) + " has been submitted and is read-only");
}

domain::SchoolData Store::Impl::load(int year) {
    domain::SchoolData data;
    data.school = require_school();
    auto row = year_row(year);
    if (!row) reject_no_year(year);
    data.year = *row;
    domain::for_each_year_entity([&](auto tag) {
        using R = decltype(tag);
        if constexpr (domain::Entity<R>::per_year)
            domain::records_of<R>(data) = select<R>("\"year\" = ?", {std::int64_t{year}});
    });
    data.training = select<domain::Training>("\"person_id\" IN (SELECT \"person_id\" FROM \"staff\" WHERE \"year\" = ?)",
                                             {std::int64_t{year}});
    return data;
}

std::optional<domain::School> Store::school() const { return impl_->school(); }

void Store::save_school(const domain::School& school) {
    refusing_constraints([&] {
        domain::School record = school;
        record.id = 1;
        Impl::reject_if_errors(domain::validate(record));
        Transaction tx(impl_->db);
        impl_->upsert_row(record);
        tx.commit();
    });
}

std::vector<SchoolYear> Store::years() const {
    auto all = impl_->select<SchoolYear>();
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.year < b.year; });
    return all;
}

std::optional<int> Store::latest_year() const {
    auto all = years();
    if (all.empty()) return std::nullopt;
    return all.back().year;
}

void Store::create_year(int year) {
    refusing_constraints([&] {
        if (impl_->year_row(year)) reject(school_year_zh(year) + "已经存在", school_year_en(year) + " already exists");
        Transaction tx(impl_->db);
        // Nothing is carried into a year created empty, so nothing awaits re-confirmation.
        impl_->insert_row(SchoolYear{0, year, YearStatus::Draft, true, std::nullopt, std::nullopt, std::nullopt});
        tx.commit();
    });
}

void Store::new_year(int from, int to) {
    refusing_constraints([&] {
        if (impl_->year_row(to)) reject(school_year_zh(to) + "已经存在", school_year_en(to) + " already exists");
        if (to <= from) reject("新学年必须晚于 " + school_year_zh(from), "the new year must come after " + school_year_en(from));
        const auto source = impl_->load(from);
        Transaction tx(impl_->db);
        // Q3's facts (charter, digitised) last beyond a year: they start as last year's answer.
        impl_->insert_row(SchoolYear{0, to, YearStatus::Draft, false, std::nullopt, source.year.charter, source.year.digitised});
        // Copies of records that passed validation when written, so they are not re-validated.
        // Funds are per year and start empty; pupils and classes are copied as a starting point
        // the clerk must re-confirm (pupils_confirmed = false). Training belongs to persons.
        domain::for_each_year_entity([&](auto tag) {
            using R = decltype(tag);
            if constexpr (domain::Entity<R>::per_year && !std::is_same_v<R, domain::Funds>)
                for (const auto& record : domain::records_of<R>(source))
                    if (carried_forward(record)) impl_->insert_row(for_new_year(record, to));
        });
        tx.commit();
    });
}

void Store::set_year_facts(int year, std::optional<bool> charter, std::optional<bool> digitised) {
    refusing_constraints([&] {
        impl_->require_writable(year);
        auto before = *impl_->year_row(year);
        auto after = before;
        after.charter = charter;
        after.digitised = digitised;
        if (after.charter == before.charter && after.digitised == before.digitised) return;
        Transaction tx(impl_->db);
        impl_->update_row(before, after);
        tx.commit();
    });
}

void Store::confirm_pupils(int year) {
    refusing_constraints([&] {
        impl_->require_writable(year);
        auto before = *impl_->year_row(year);
        auto after = before;
        after.pupils_confirmed = true;
        Transaction tx(impl_->db);
        impl_->update_row(before, after);
        tx.commit();
    });
}

// The checks and the audited status change of submitting; call inside a Transaction.
void Store::Impl::lock_year(int year) {
    require_writable(year);
    auto before = *year_row(year);
    if (!before.pupils_confirmed)
        reject(school_year_zh(year) + "的学生数和班级尚未确认，请先确认再上报",
               "pupils and classes of " + school_year_en(year) + " are not confirmed yet: confirm them before submitting");
    reject_if_errors(domain::validate(load(year)));
    auto after = before;
    after.status = YearStatus::Submitted;
    after.submitted_at = utc_now_iso();
    update_row(before, after);
}

int Store::submit_year(int year, const std::function<Frozen(const domain::SchoolData&)>& freeze) {
    return refusing_constraints([&] {
        // One write transaction from the checks to the frozen bytes: the year cannot change
        // between what was checked, what is locked and what is signed.
        Transaction tx(impl_->db);
        impl_->lock_year(year);
        const Frozen frozen = freeze(impl_->load(year));
        auto next = impl_->statements.use("SELECT coalesce(max(version), 0) + 1 FROM submission WHERE year = ?");
        next->bind(1, std::int64_t{year});
        next->step();
        const int version = static_cast<int>(next->integer(0));
        next->reset();
        auto insert = impl_->statements.use(
            "INSERT INTO submission (year, version, snapshot, sha256, signature, created_at) VALUES (?, ?, ?, ?, ?, ?)");
        insert->bind(1, std::int64_t{year}).bind(2, std::int64_t{version}).bind(3, frozen.snapshot);
        insert->bind(4, domain::sha256_hex(frozen.snapshot)).bind(5, frozen.signature).bind(6, utc_now_iso());
        insert->run();
        tx.commit();
        return version;
    });
}

domain::SchoolData Store::load(int year) const { return impl_->load(year); }

}  // namespace jh::store

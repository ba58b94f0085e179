// Record writes through the one generic path (table.hpp): validated, refused for submitted
// years, audited, each in a transaction; and whole-year imports.
#include <tuple>

#include "domain/fields.hpp"
#include "store/store_impl.hpp"

namespace jh::store {

template <class R> Id Store::insert(R record) {
    return refusing_constraints([&] {
        impl_->require_writable_record(record);
        impl_->validate(record);
        Transaction tx(impl_->db);
        Id id = impl_->insert_row(record);
        tx.commit();
        return id;
    });
}

template <class R> void Store::update(const R& record) {
    refusing_constraints([&] {
        auto before = impl_->find<R>(record.id);
        if (!before) Impl::reject_missing(domain::Entity<R>::table, record.id);
        impl_->require_writable_record(*before);
        impl_->require_writable_record(record);
        impl_->validate(record);
        Transaction tx(impl_->db);
        impl_->update_row(*before, record);
        tx.commit();
    });
}

template <class R> void Store::remove(Id id) {
    refusing_constraints([&] {
        auto before = impl_->find<R>(id);
        if (!before) Impl::reject_missing(domain::Entity<R>::table, id);
        impl_->require_writable_record(*before);
        Transaction tx(impl_->db);
        impl_->delete_row(*before);
        tx.commit();
    });
}

template <class R> std::optional<R> Store::get(Id id) const { return impl_->find<R>(id); }

// Every record kind a caller may write; a kind added to YearEntities must be added here too.
static_assert(std::tuple_size_v<domain::YearEntities> == 10, "instantiate Store's record functions for the new kind");
#define JH_STORE_RECORD_KIND(R)                               \
    template Id Store::insert<domain::R>(domain::R);          \
    template void Store::update<domain::R>(const domain::R&); \
    template void Store::remove<domain::R>(Id);               \
    template std::optional<domain::R> Store::get<domain::R>(Id) const;
JH_STORE_RECORD_KIND(ClassGroup)
JH_STORE_RECORD_KIND(GradeRoll)
JH_STORE_RECORD_KIND(Cohort)
JH_STORE_RECORD_KIND(Staff)
JH_STORE_RECORD_KIND(Training)
JH_STORE_RECORD_KIND(Building)
JH_STORE_RECORD_KIND(Room)
JH_STORE_RECORD_KIND(Ground)
JH_STORE_RECORD_KIND(Equipment)
JH_STORE_RECORD_KIND(Funds)
JH_STORE_RECORD_KIND(Operator)
#undef JH_STORE_RECORD_KIND

void Store::transaction(const std::function<void()>& body) {
    refusing_constraints([&] {
        Transaction tx(impl_->db);
        body();
        tx.commit();
    });
}

namespace {

[[noreturn]] void reject_other_school(const std::string& file_code, const std::string& stored_code) {
    throw domain::Rejected(domain::Message{
        "导入的数据属于学校 " + file_code + "，而本数据库是学校 " + stored_code + " 的，没有导入",
        "the data belongs to school " + file_code + " but this database holds school " + stored_code +
            "; nothing was imported"});
}

[[noreturn]] void reject_wrong_year(std::string_view table, Id id, int record_year, int data_year) {
    const std::string where = std::string(table) + " #" + std::to_string(id);
    throw domain::Rejected(domain::Message{
        "记录 " + where + " 的学年 " + std::to_string(record_year) + " 与导入的学年 " + std::to_string(data_year) + " 不符",
        "record " + where + " is for school year " + std::to_string(record_year) + ", not the imported year " +
            std::to_string(data_year)});
}

}  // namespace

void Store::import(const domain::SchoolData& data) {
    refusing_constraints([&] {
        Impl::reject_if_errors(domain::validate(data));
        auto stored_school = impl_->school();
        if (stored_school && stored_school->code != data.school.code)
            reject_other_school(data.school.code, stored_school->code);
        const int year = data.year.year;
        auto stored_year = impl_->year_row(year);
        if (stored_year) impl_->require_writable(year);

        Transaction tx(impl_->db);
        domain::School school = data.school;
        school.id = 1;
        impl_->upsert_row(school);
        if (!stored_year) {
            // Records go in while the year is a draft; its real status is written last.
            impl_->insert_row(domain::SchoolYear{0, year, domain::YearStatus::Draft, data.year.pupils_confirmed, {}, data.year.charter, data.year.digitised});
            stored_year = impl_->year_row(year);
        }
        domain::for_each_year_entity([&](auto tag) {
            using R = decltype(tag);
            const auto& records = domain::records_of<R>(data);
            if (records.empty()) return;
            const auto stored = impl_->stored_ids<R>();
            for (const auto& record : records) {
                if constexpr (domain::Entity<R>::per_year)
                    if (record.year != year) reject_wrong_year(domain::Entity<R>::table, record.id, record.year, year);
                impl_->upsert_row(record, stored.count(record.id) > 0);
            }
        });
        domain::SchoolYear final_year = data.year;
        final_year.id = stored_year->id;
        impl_->update_row(*stored_year, final_year);
        tx.commit();
    });
}

}  // namespace jh::store

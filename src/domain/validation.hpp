// Validation rules of the evaluation's data, pure functions returning findings in Chinese and
// English. Errors block a write; warnings (Severity::Warning) ask the user to confirm.
#pragma once
#include <type_traits>
#include <vector>

#include "domain/entities.hpp"
#include "domain/message.hpp"

namespace jh::domain {

// One record on its own, in the context of its school (stage must fit the school type…).
std::vector<Issue> validate(const School& school);
template <class R> std::vector<Issue> validate(const R& record, const School& school);

// A whole school year: every record, then cross-checks between records (a grade's total
// equals the sum of its classes, only eligible teachers rotated, duplicate classes…).
std::vector<Issue> validate(const SchoolData& data);

// One record against the other records of its school year `data`, before it is written: a
// key another record already holds ("本学年已有小学 5 年级 1 班"), shown beside its field.
// The store's UNIQUE constraints stay as the last line behind this rule.
template <class R> std::vector<Issue> validate_among(const R& record, const SchoolData& data);

// Kinds a school year holds at most one record of (their key is the year itself): a screen
// edits that record rather than offering to add a second.
template <class R> inline constexpr bool one_per_year = std::is_same_v<R, Funds>;

// Soft warnings against the previous year: pupils, areas or equipment value changing by
// more than 30%.
std::vector<Issue> compare_years(const SchoolData& previous, const SchoolData& current);

// How messages name a record: its kind and what a clerk recognises it by — 班级“小学 3 年级
// 2 班”, 教职工“王琰”, 设备“学生显微镜”; a record not saved yet is called new, never "编号 0".
template <class R> Message describe_record(const R& record);

bool has_errors(const std::vector<Issue>& issues);

}  // namespace jh::domain

// Validation rules of the evaluation's data, pure functions returning findings in Chinese and
// English. Errors block a write; warnings (Severity::Warning) ask the user to confirm.
#pragma once
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

// Soft warnings against the previous year: pupils, areas or equipment value changing by
// more than 30%.
std::vector<Issue> compare_years(const SchoolData& previous, const SchoolData& current);

bool has_errors(const std::vector<Issue>& issues);

}  // namespace jh::domain

// What changed between two submitted versions of a school year, record by record, in English
// words for the bureau's CLI (`junheng-bureau submissions --diff V1 V2`):
//   class 12 (stage primary school, grade 1, class number 2): pupils 45 -> 47
//   added staff 88 (Wang Fang)
//   removed room 5 (Music room)
// Records are matched by kind and id; labels and values come from the domain's field tables
// (domain/fields.hpp: the English label of each field, the English label of each enum code),
// never from a second copy.
#pragma once
#include <string>
#include <vector>

#include "domain/entities.hpp"

namespace jh::sync::receiver {

// The web page (sync/web) asks for the same lines in Chinese: the fields' and kinds' Chinese
// labels, values as domain::display shows them, 新增 / 删除 for added / removed.
enum class DiffLanguage { English, Chinese };

// One line per changed, added or removed record, in the domain's kind order (school profile,
// school year, classes, …, funds), then by id. Empty when nothing differs.
std::vector<std::string> describe_changes(const domain::SchoolData& before, const domain::SchoolData& after,
                                          DiffLanguage language = DiffLanguage::English);

}  // namespace jh::sync::receiver

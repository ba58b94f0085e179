// How the terminal orders text for people: Chinese by pinyin as a Chinese dictionary does
// (ICU's collation for "zh", which also puts Chinese before Latin), Latin letters alphabetically
// whatever their case, digits inside a text by their value ("2班" before "10班"). Every list the terminal
// sorts for its users follows this one rule: the record tables and the import folder's entries.
// Only the terminal sorts names for people (the CLI prints summaries and writes files in id
// order, which stays byte-stable), so this lives in src/ui.
#pragma once
#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jh::ui {

// The text's sort key: comparing two keys with < (bytewise) orders their texts as above.
// Computing a key costs one collation and comparing two keys a memcmp, so a list computes each
// key once and sorts by the keys. Invalid UTF-8 is ordered by what ICU makes of it (U+FFFD).
std::string sort_key(std::string_view utf8);

// Sorts items by the text `text_of(item)` gives in that order, computing each key once;
// items whose texts collate equal keep their order.
template <class T, class TextOf> void sort_for_people(std::vector<T>& items, TextOf text_of) {
    std::vector<std::pair<std::string, std::size_t>> keyed;
    keyed.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) keyed.emplace_back(sort_key(text_of(items[i])), i);
    std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<T> sorted;
    sorted.reserve(items.size());
    for (const auto& k : keyed) sorted.push_back(std::move(items[k.second]));
    items = std::move(sorted);
}
inline void sort_for_people(std::vector<std::string>& texts) {
    sort_for_people(texts, [](const std::string& t) -> const std::string& { return t; });
}

}  // namespace jh::ui

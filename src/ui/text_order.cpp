// The people's order of text through ICU's "zh" collator.
#include "ui/text_order.hpp"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <memory>
#include <stdexcept>

namespace jh::ui {
namespace {

std::unique_ptr<icu::Collator> make_collator() {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> collator(icu::Collator::createInstance(icu::Locale("zh"), status));
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU has no collator for zh: ") + u_errorName(status));
    collator->setAttribute(UCOL_NUMERIC_COLLATION, UCOL_ON, status);
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU numeric collation: ") + u_errorName(status));
    return collator;
}

// ICU's collators may not be shared between threads (its user guide: open one per thread).
// The UI thread sorts tables and the worker sorts folder listings, so each thread opens its
// own, once; building one costs milliseconds, a key microseconds.
const icu::Collator& collator() {
    thread_local const std::unique_ptr<icu::Collator> instance = make_collator();
    return *instance;
}

}  // namespace

std::string sort_key(std::string_view utf8) {
    const auto text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<std::int32_t>(utf8.size())));
    std::string key(utf8.size() * 2 + 16, '\0');
    for (;;) {
        const std::int32_t needed = collator().getSortKey(text, reinterpret_cast<std::uint8_t*>(key.data()),
                                                          static_cast<std::int32_t>(key.size()));
        // `needed` counts the key's terminating zero byte, which no comparison needs.
        if (needed <= static_cast<std::int32_t>(key.size())) {
            key.resize(static_cast<std::size_t>(needed > 0 ? needed - 1 : 0));
            return key;
        }
        key.resize(static_cast<std::size_t>(needed));
    }
}

}  // namespace jh::ui

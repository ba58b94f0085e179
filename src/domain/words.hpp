// A text for people in both languages the product speaks: Chinese for the UI, English for logs
// and the command line. Its own header so that the small readers (dates, figures) can say what
// is wrong without depending on the records.
#pragma once
#include <string>

namespace jh::domain {

struct Message {
    std::string zh;
    std::string en;
};

}  // namespace jh::domain

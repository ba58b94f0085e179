// UTC timestamps and names for files moved aside.
#include "store/clock.hpp"

#include <chrono>
#include <ctime>

namespace jh::store {
namespace {
std::string format(std::time_t now, const char* pattern) {
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buf[32];
    std::strftime(buf, sizeof buf, pattern, &utc);
    return buf;
}
}  // namespace

std::string utc_now_iso() {
    // Every audit entry is stamped: within one second the text is formatted once.
    thread_local std::time_t formatted_second = -1;
    thread_local std::string formatted;
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    if (now != formatted_second) {
        formatted = format(now, "%Y-%m-%dT%H:%M:%SZ");
        formatted_second = now;
    }
    return formatted;
}

std::string utc_now_compact() {
    return format(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()), "%Y%m%dT%H%M%SZ");
}

}  // namespace jh::store

// UTC timestamps and names for files moved aside.
#include "store/clock.hpp"

#include <chrono>
#include <ctime>

namespace jh::store {
namespace {
std::string format_now(const char* format) {
    std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buf[32];
    std::strftime(buf, sizeof buf, format, &utc);
    return buf;
}
}  // namespace

std::string utc_now_iso() { return format_now("%Y-%m-%dT%H:%M:%SZ"); }
std::string utc_now_compact() { return format_now("%Y%m%dT%H%M%SZ"); }

}  // namespace jh::store

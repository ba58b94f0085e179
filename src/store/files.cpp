// Moving database files aside.
#include "store/files.hpp"

#include "store/clock.hpp"

namespace jh::store {

std::filesystem::path move_aside(const std::filesystem::path& path, const std::string& label) {
    namespace fs = std::filesystem;
    const std::string base = path.string() + "." + label + "-" + utc_now_compact();
    fs::path target = base;
    for (int n = 2; fs::exists(target); ++n) target = base + "-" + std::to_string(n);
    for (const char* companion : {"-wal", "-shm"}) {
        fs::path from = path.string() + companion;
        if (fs::exists(from)) fs::rename(from, target.string() + companion);
    }
    fs::rename(path, target);
    return target;
}

}  // namespace jh::store

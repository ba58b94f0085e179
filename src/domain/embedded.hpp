// Data files compiled into the binaries (see cmake/embed.cmake): migrations, rule packs,
// string catalogues. Each layer that embeds files gets an `embedded_files()` in its namespace.
#pragma once
#include <string_view>
#include <vector>

namespace jh {
struct EmbeddedFile {
    std::string_view name;     // path relative to the embedded folder, e.g. "0001_initial.sql"
    std::string_view content;
};
}  // namespace jh

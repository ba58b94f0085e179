// Reading and writing the files the terminal, the commands and the receiver exchange with
// people: a file is read whole, and a set of output files appears completely or not at all
// (written to temporary names, flushed to disk, then renamed), so a failed export never leaves
// half a file behind.
#pragma once
#include <filesystem>
#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace jh::ops {

// The file's bytes; throws domain::Rejected when it cannot be read.
std::string read_file(const std::filesystem::path& path);
// The same, for files that come from a stick or a stranger: reads at most `max_bytes` (+1, to
// tell a larger file) and throws domain::Rejected, saying so, when the file is larger.
std::string read_file(const std::filesystem::path& path, std::size_t max_bytes);

struct OutputFile {
    std::string name;        // file name inside the output directory
    std::string bytes;
};

// Creates `dir` if needed and writes every file into it; an existing file of the same name is
// replaced. Throws domain::Rejected, leaving no temporary behind, when anything fails.
void write_files_atomically(const std::filesystem::path& dir, const std::vector<OutputFile>& files);

// One file, written beside its final name, flushed to disk, then renamed: a stick pulled out
// mid-write never leaves half a file under the final name. Throws domain::Rejected.
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

// One file written as it is produced, never held whole in memory: `produce` writes a temporary
// beside `target` (through the path, for a library that opens files itself), which is then
// flushed to disk and renamed over `target`. Throws domain::Rejected, leaving no temporary and
// `target` as it was, when anything fails (an exception from `produce` is passed on).
void produce_file_atomically(const std::filesystem::path& target, const std::function<void(const std::filesystem::path& temporary)>& produce);
// The same through a stream.
void write_file_atomically(const std::filesystem::path& target, const std::function<void(std::ostream& out)>& write);

}  // namespace jh::ops

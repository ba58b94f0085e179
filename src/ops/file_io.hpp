// Reading and writing the files the terminal, the commands and the receiver exchange with
// people: a file is read whole, and a set of output files appears completely or not at all
// (written to temporary names, flushed to disk, then renamed), so a failed export never leaves
// half a file behind.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace jh::ops {

// The file's bytes; throws domain::Rejected when it cannot be read.
std::string read_file(const std::filesystem::path& path);

struct OutputFile {
    std::string name;        // file name inside the output directory
    std::string bytes;
};

// Creates `dir` if needed and writes every file into it; an existing file of the same name is
// replaced. Throws domain::Rejected, leaving no temporary behind, when anything fails.
void write_files_atomically(const std::filesystem::path& dir, const std::vector<OutputFile>& files);

}  // namespace jh::ops

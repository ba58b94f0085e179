// Runs the real `junheng` binary for command-line tests: exit status, stdout and stderr,
// each test in its own scratch directory that is removed afterwards.
#pragma once
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace jh::test {

struct Outcome {
    int status = -1;
    std::string out;
    std::string err;
};

// A fresh directory under the system temp dir, removed with everything in it.
class ScratchDir {
public:
    ScratchDir() {
        std::random_device entropy;
        path_ = std::filesystem::temp_directory_path() / ("junheng-cli-" + std::to_string(entropy()) + std::to_string(entropy()));
        std::filesystem::create_directories(path_);
    }
    ~ScratchDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

inline std::string shell_quoted(const std::string& word) {
    std::string quoted = "'";
    for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

inline std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

// `junheng ARGS...`, run in `scratch` (which also receives the captured output).
inline Outcome junheng(const ScratchDir& scratch, const std::vector<std::string>& args) {
    std::string command = "cd " + shell_quoted(scratch.path().string()) + " && " + shell_quoted(JUNHENG_BINARY);
    for (const auto& a : args) command += " " + shell_quoted(a);
    const auto out = scratch / ".stdout";
    const auto err = scratch / ".stderr";
    command += " >" + shell_quoted(out.string()) + " 2>" + shell_quoted(err.string());
    const int raw = std::system(command.c_str());
    Outcome result;
    result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    result.out = slurp(out);
    result.err = slurp(err);
    return result;
}
inline Outcome junheng(const ScratchDir& scratch, std::initializer_list<std::string> args) {
    return junheng(scratch, std::vector<std::string>(args));
}

}  // namespace jh::test

// What every `junheng` command gets, and the small argument parser they share.
#pragma once
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace jh::cli {

// Thrown for a malformed command line; exits 2 with the command's usage.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A command's arguments after the global options. Options are "--name" or "--name VALUE";
// everything else is positional. Call `finish()` after reading: leftovers are usage errors.
class Args {
public:
    explicit Args(std::vector<std::string> raw) : raw_(std::move(raw)) {}
    bool flag(std::string_view name);
    std::optional<std::string> value(std::string_view name);
    std::vector<std::string> positionals();   // consumes every remaining non-option
    void finish() const;                      // throws UsageError on anything unread

private:
    std::vector<std::string> raw_;
    std::set<std::size_t> used_;
};

struct Context {
    std::filesystem::path db;
    Args args;
    std::ostream& out;
    std::ostream& err;
};

struct Command {
    std::string_view name;
    std::string_view summary;    // one line, English
    std::string_view usage;      // full --help text
    int (*run)(Context&);        // returns the exit status; may throw domain::Rejected / UsageError
};

// Every command, in help order; defined in commands.cpp.
const std::vector<Command>& commands();

}  // namespace jh::cli

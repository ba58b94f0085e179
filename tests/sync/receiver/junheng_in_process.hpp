// `junheng ARGS...` run in this process (jh::cli::run, the window refused), its stdout captured
// and read as JSON: for receiver tests that compare the bureau's answer with the terminal's
// command on the same data without starting a process. Needs jh_cli (receiver_tests links it).
#pragma once
#include <doctest/doctest.h>

#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.hpp"

namespace jh::test {

// `words` are the arguments after the program name; the command must exit 0.
inline nlohmann::json junheng_json(std::vector<std::string> words) {
    words.insert(words.begin(), "junheng");
    std::vector<char*> argv;
    for (auto& w : words) argv.push_back(w.data());
    std::ostringstream captured;
    auto* old = std::cout.rdbuf(captured.rdbuf());
    const int status = jh::cli::run(static_cast<int>(argv.size()), argv.data(), [](const jh::cli::WindowOptions&) { return 9; });
    std::cout.rdbuf(old);
    REQUIRE(status == 0);
    return nlohmann::json::parse(captured.str());
}

}  // namespace jh::test

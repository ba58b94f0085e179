// The demo school in a fresh database file under the temp dir, removed with it afterwards:
// what the terminal's unit tests that need a real store start from.
#pragma once
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "domain/demo.hpp"
#include "store/store.hpp"

namespace jh::test {

inline constexpr int kDemoYear = 2025;

struct DemoDatabase {
    DemoDatabase() {
        std::string pattern = (std::filesystem::temp_directory_path() / "junheng-ui-XXXXXX").string();
        REQUIRE(mkdtemp(pattern.data()));
        dir = pattern;
        store.emplace(jh::store::Store::open(dir / "demo.db"));
        store->import(jh::domain::make_demo_school(std::string(jh::domain::kDemoSchoolCode), kDemoYear));
    }
    ~DemoDatabase() {
        store.reset();
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }
    DemoDatabase(const DemoDatabase&) = delete;
    DemoDatabase& operator=(const DemoDatabase&) = delete;
    std::filesystem::path dir;
    std::optional<jh::store::Store> store;
};

}  // namespace jh::test

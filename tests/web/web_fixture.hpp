// Helpers of the web page's unit tests (site_test.cpp, report_test.cpp): a scratch SQLite
// store with two staff accounts, a Site on it, and requests made as a browser makes them
// (sign-in through the form and its token cookie), at a clock the test moves.
#pragma once
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <string>

#include "sync/receiver/sqlite_store.hpp"
#include "sync/receiver/staff.hpp"
#include "sync/web/site.hpp"

namespace jh::test::web_pages {

namespace web = jh::sync::web;
namespace rc = jh::sync::receiver;

inline bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

inline std::string header_of(const web::Response& r, const std::string& name) {
    for (const auto& [n, v] : r.headers)
        if (n == name) return v;
    return {};
}

// "name=value" of a Set-Cookie header.
inline std::string cookie_value(const web::Response& r, const std::string& name) {
    for (const auto& [n, v] : r.headers)
        if (n == "Set-Cookie" && v.starts_with(name + "=")) return v.substr(name.size() + 1, v.find(';') - name.size() - 1);
    return {};
}

struct Fixture {
    std::filesystem::path dir;
    std::unique_ptr<rc::SqliteReceiverStore> store;
    std::unique_ptr<web::Site> site;
    std::int64_t now = 1'800'000'000;

    Fixture() {
        std::random_device rd;
        dir = std::filesystem::temp_directory_path() / ("jh-web-test-" + std::to_string(rd()));
        std::filesystem::create_directories(dir);
        store = std::make_unique<rc::SqliteReceiverStore>(dir / "bureau.db");
        rc::add_staff_user(*store, "管理员", "admin", std::nullopt, "correct horse", "2026-01-01T00:00:00Z");
        rc::add_staff_user(*store, "rev", "reviewer", std::nullopt, "rev pass", "2026-01-01T00:00:00Z");
        site = std::make_unique<web::Site>(*store);
    }
    ~Fixture() {
        site.reset();
        store.reset();
        std::filesystem::remove_all(dir);
    }
    web::Response get(const std::string& path, const std::string& session = {}, std::map<std::string, std::string> query = {}) {
        web::Request r;
        r.method = "GET";
        r.path = path;
        r.query = std::move(query);
        r.now = now;
        r.address = "10.0.0.1";
        if (!session.empty()) r.cookies["jh_session"] = session;
        return site->handle(r);
    }
    web::Response post(const std::string& path, std::map<std::string, std::string> form, std::map<std::string, std::string> cookies,
                       const std::string& address = "10.0.0.1") {
        web::Request r;
        r.method = "POST";
        r.path = path;
        r.form = std::move(form);
        r.cookies = std::move(cookies);
        r.now = now;
        r.address = address;
        return site->handle(r);
    }
    // Signs in through the form as a browser does: GET the form (its token cookie), POST it.
    web::Response sign_in(const std::string& name, const std::string& password, const std::string& address = "10.0.0.1") {
        const auto form = get("/signin");
        const auto token = cookie_value(form, "jh_signin");
        REQUIRE(token.size() == 64);
        return post("/signin", {{"csrf", token}, {"name", name}, {"password", password}}, {{"jh_signin", token}}, address);
    }
    std::string session_of(const std::string& name, const std::string& password) {
        const auto r = sign_in(name, password);
        REQUIRE(r.status == 303);
        return cookie_value(r, "jh_session");
    }
};


}  // namespace jh::test::web_pages

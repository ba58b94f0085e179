// `junheng-bureau serve --trusted-proxy ADDR[,ADDR...]` through a real serve: a wrong password
// sent by a trusted balancer (here 127.0.0.1) is counted under the client's address from
// X-Forwarded-For, the same request from an untrusted peer under the peer's own address (the
// header ignored), and an option that is not an IP address is a usage error (exit 2).
#include <doctest/doctest.h>

#include <httplib.h>

#include "sync/receiver/fixture.hpp"
#include "sync/receiver/process.hpp"

using namespace jh::test;

namespace {

// One wrong sign-in through the page's form (its token cookie, then the POST), with an
// X-Forwarded-For header; the status of the POST.
int wrong_sign_in(int port, const std::string& forwarded_for) {
    httplib::Client browser("127.0.0.1", port);
    browser.set_connection_timeout(5);
    browser.set_read_timeout(10);
    const httplib::Headers forwarded{{"X-Forwarded-For", forwarded_for}};
    auto form = browser.Get("/signin", forwarded);
    REQUIRE(form);
    REQUIRE(form->status == 200);
    const auto token_at = form->body.find("name=\"csrf\" value=\"");
    REQUIRE(token_at != std::string::npos);
    const auto token = form->body.substr(token_at + 19, 64);
    const auto cookie = form->get_header_value("Set-Cookie");
    httplib::Headers headers{{"Cookie", cookie.substr(0, cookie.find(';'))}, {"X-Forwarded-For", forwarded_for}};
    auto posted = browser.Post("/signin", headers, "csrf=" + token + "&name=admin1&password=wrong", "application/x-www-form-urlencoded");
    REQUIRE(posted);
    return posted->status;
}

}  // namespace

TEST_CASE("junheng-bureau serve --trusted-proxy: the sign-in throttle counts the client's address from X-Forwarded-For") {
    TempDir dir;
    const ScratchStore scratch(dir.path());
    REQUIRE(bureau_run(scratch.args({"user", "add", "--name", "admin1", "--role", "admin", "--password-stdin"}), "secret-1\n").status == 0);

    {
        ServeProcess behind(scratch.args(), "127.0.0.1:0", {"--trusted-proxy", "10.0.0.10,127.0.0.1"});
        CHECK(wrong_sign_in(behind.port(), "198.51.100.1, 203.0.113.7") == 401);
        CHECK(wrong_sign_in(behind.port(), "203.0.113.7") == 401);
        CHECK(behind.stop() == 0);
    }
    {
        ServeProcess direct(scratch.args());   // nobody trusted: the header is the client's own claim
        CHECK(wrong_sign_in(direct.port(), "203.0.113.8") == 401);
        CHECK(direct.stop() == 0);
    }
    const auto store = scratch.open();
    CHECK(store->signin_failures("addr:203.0.113.7").failures == 2);
    CHECK(store->signin_failures("addr:198.51.100.1").failures == 0);   // written by the client: not believed
    CHECK(store->signin_failures("addr:203.0.113.8").failures == 0);
    CHECK(store->signin_failures("addr:127.0.0.1").failures == 1);

    const auto bad = bureau_run(scratch.args({"serve", "--listen", "127.0.0.1:0", "--trusted-proxy", "127.0.0.1,nginx"}));
    CHECK(bad.status == 2);
    CHECK(bad.err.find("'nginx' is not one") != std::string::npos);
}

// The web page's functions without a socket or a browser (sync/web): HTML escaping and form
// decoding with their bounds, the sign-in form's token, sessions (cookie flags, idle and
// absolute expiry, sign-out), CSRF tokens bound to the session, the wrong-password throttle
// (slowed, then locked, counted in the store) and a reviewer refused an admin's action.
// The browser tests (browser_test.js) drive the same pages through a real serve and Chromium.
#include <doctest/doctest.h>

#include "web_fixture.hpp"

using namespace jh::test::web_pages;

TEST_CASE("web: html() escapes markup and quotes, keeps Chinese, replaces invalid UTF-8 and control bytes") {
    CHECK(web::html("<script>alert('x')</script>&\"") == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;");
    CHECK(web::html("城关小学") == "城关小学");
    CHECK(web::html(std::string("a\xC3(b\x01")) == "a\xEF\xBF\xBD(b\xEF\xBF\xBD");
    CHECK(web::html(std::string("\xED\xA0\x80")) == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");   // a UTF-16 surrogate
}

TEST_CASE("web: forms and queries decode percent-escapes and '+', refuse bad escapes and too many or too long fields") {
    const auto f = web::parse_form("q=%E5%9F%8E%E5%85%B3+x&state=&a=1&a=2");
    CHECK(f.at("q") == "城关 x");
    CHECK(f.at("state").empty());
    CHECK(f.at("a") == "1");
    CHECK_THROWS_AS(web::parse_form("q=%E5%9"), web::BadRequest);
    CHECK_THROWS_AS(web::parse_form("q=%zz"), web::BadRequest);
    std::string many;
    for (int i = 0; i < 100; ++i) many += "f" + std::to_string(i) + "=1&";
    CHECK_THROWS_AS(web::parse_form(many), web::BadRequest);
    CHECK_THROWS_AS(web::parse_form("q=" + std::string(web::kMaxFieldBytes + 1, 'x')), web::BadRequest);
    CHECK(web::url_encode("城 a/b") == "%E5%9F%8E%20a%2Fb");
    CHECK(web::parse_iso_time(web::iso_time(1'800'000'000)) == 1'800'000'000);
    CHECK_FALSE(web::parse_iso_time("2026-13-01T00:00:00Z"));
}

TEST_CASE("web: signed out, every page leads to the sign-in form and the stylesheet is served from the binary") {
    Fixture f;
    CHECK(f.get("/").status == 303);
    CHECK(header_of(f.get("/"), "Location") == "/signin");
    CHECK(header_of(f.get("/schools"), "Location") == "/signin");
    const auto form = f.get("/signin");
    CHECK(form.status == 200);
    CHECK(has(form.body, "教育局工作人员登录"));
    CHECK(has(header_of(form, "Content-Security-Policy"), "default-src 'none'"));
    CHECK_FALSE(has(form.body, "http://"));
    CHECK_FALSE(has(form.body, "https://"));
    const auto css = f.get("/assets/style.css");
    CHECK(css.status == 200);
    CHECK(has(header_of(css, "Content-Type"), "text/css"));
    CHECK_FALSE(has(css.body, "url("));
    // A POST without a session changes nothing.
    CHECK(f.post("/signout", {}, {}).status == 403);
}

TEST_CASE("web: sign-in sets an HttpOnly SameSite=Strict cookie (Secure over HTTPS) and stores only the id's hash") {
    Fixture f;
    const auto r = f.sign_in("管理员", "correct horse");
    REQUIRE(r.status == 303);
    CHECK(header_of(r, "Location") == "/schools");
    std::string set;
    for (const auto& [n, v] : r.headers)
        if (n == "Set-Cookie" && v.starts_with("jh_session=")) set = v;
    CHECK(has(set, "HttpOnly"));
    CHECK(has(set, "SameSite=Strict"));
    CHECK_FALSE(has(set, "Secure"));
    const auto id = cookie_value(r, "jh_session");
    REQUIRE(id.size() == 64);
    CHECK_FALSE(f.store->web_session(id));                    // the id itself is not a key
    CHECK(f.store->web_session(web::token_hash(id)));        // its hash is
    // Over HTTPS the cookie is Secure.
    const auto form = f.get("/signin");
    const auto token = cookie_value(form, "jh_signin");
    web::Request https;
    https.method = "POST";
    https.path = "/signin";
    https.form = {{"csrf", token}, {"name", "rev"}, {"password", "rev pass"}};
    https.cookies = {{"jh_signin", token}};
    https.now = f.now;
    https.secure = true;
    const auto secure = f.site->handle(https);
    bool secure_flag = false;
    for (const auto& [n, v] : secure.headers)
        if (n == "Set-Cookie" && v.starts_with("jh_session=")) secure_flag = has(v, "; Secure");
    CHECK(secure_flag);
    // The schools page shows the user; a form without the sign-in token is refused.
    CHECK(has(f.get("/schools", id).body, "管理员（管理员）"));
    CHECK(f.post("/signin", {{"name", "rev"}, {"password", "rev pass"}}, {}).status == 403);
}

TEST_CASE("web: a session expires after the idle time and after the absolute time, and ends at sign-out") {
    Fixture f;
    const web::AuthOptions o;
    auto id = f.session_of("rev", "rev pass");
    f.now += o.idle - 10;
    CHECK(f.get("/schools", id).status == 200);              // a request restarts the idle time
    f.now += o.idle - 10;
    CHECK(f.get("/schools", id).status == 200);
    f.now += o.idle + 1;
    const auto expired = f.get("/schools", id);
    CHECK(expired.status == 303);
    CHECK(header_of(expired, "Location") == "/signin?expired=1");
    web::Request again;
    again.method = "GET";
    again.path = "/signin";
    again.query = {{"expired", "1"}};
    again.now = f.now;
    CHECK(has(f.site->handle(again).body, "登录已过期"));
    // Absolute: kept busy, it still ends absolute seconds after sign-in.
    id = f.session_of("rev", "rev pass");
    const auto start = f.now;
    while (f.now + o.idle / 2 < start + o.absolute) {
        f.now += o.idle / 2;
        REQUIRE(f.get("/schools", id).status == 200);
    }
    f.now = start + o.absolute;
    CHECK(f.get("/schools", id).status == 303);
    // Sign-out ends it at once.
    id = f.session_of("rev", "rev pass");
    const auto page = f.get("/schools", id);
    REQUIRE(page.status == 200);
    CHECK(f.post("/signout", {{"csrf", web::csrf_token(id)}}, {{"jh_session", id}}).status == 303);
    CHECK(f.get("/schools", id).status == 303);
}

TEST_CASE("web: a POST without the session's CSRF token, or with another session's, is refused and changes nothing") {
    Fixture f;
    const auto a = f.session_of("rev", "rev pass");
    const auto b = f.session_of("管理员", "correct horse");
    CHECK(web::csrf_token(a) != web::csrf_token(b));
    CHECK(web::csrf_matches(a, web::csrf_token(a)));
    CHECK(f.post("/signout", {}, {{"jh_session", a}}).status == 403);
    CHECK(f.post("/signout", {{"csrf", web::csrf_token(b)}}, {{"jh_session", a}}).status == 403);
    CHECK(f.get("/schools", a).status == 200);   // still signed in: nothing happened
    const auto forged = f.post("/school/3601020001/decide", {{"action", "accept"}, {"year", "2025"}, {"version", "1"}}, {{"jh_session", a}});
    CHECK(forged.status == 403);
    CHECK(has(forged.body, "CSRF"));
}

TEST_CASE("web: a reviewer is refused reopen (an admin's action) before the store is asked") {
    Fixture f;
    const auto id = f.session_of("rev", "rev pass");
    const auto r = f.post("/school/3601020001/decide",
                          {{"csrf", web::csrf_token(id)}, {"action", "reopen"}, {"year", "2025"}, {"version", "1"}, {"text", "x"}},
                          {{"jh_session", id}});
    CHECK(r.status == 403);
    CHECK(has(r.body, "需要管理员权限"));
}

TEST_CASE("web: wrong passwords slow sign-in, then lock it even for the right password, counted in the store") {
    Fixture f;
    const web::AuthOptions o;
    for (int i = 1; i <= o.account.lock_after; ++i) {
        const auto r = f.sign_in("rev", "wrong");
        if (i < o.account.lock_after) CHECK(r.status == 401);
        else CHECK(r.status == 429);
        CHECK(f.store->signin_failures("user:rev").failures == i);
        // Past slow_after failures the next try must wait 1, 2, 4 … s: a try now is held back.
        if (i >= o.account.slow_after && i < o.account.lock_after) {
            const auto held = f.sign_in("rev", "rev pass");
            CHECK(held.status == 429);
            CHECK(has(held.body, "秒后再试"));
            CHECK(f.store->signin_failures("user:rev").failures == i);   // not counted, not checked
            f.now += std::int64_t{1} << (i - o.account.slow_after);
        }
    }
    const auto locked = f.sign_in("rev", "rev pass");
    CHECK(locked.status == 429);
    CHECK(has(locked.body, "已锁定"));
    // Another account from another address is not held back.
    CHECK(f.sign_in("管理员", "correct horse", "10.0.0.2").status == 303);
    // A second Site on the same store (another serve process) sees the lock too.
    web::Site other(*f.store);
    CHECK(f.store->signin_failures("user:rev").failures == o.account.lock_after);
    // After the lock time it opens, and a right password clears the count.
    f.now += o.account.lock_seconds;
    CHECK(f.sign_in("rev", "rev pass").status == 303);
    CHECK(f.store->signin_failures("user:rev").failures == 0);
}

TEST_CASE("web: client_address believes X-Forwarded-For only from a trusted proxy, read from the right, bounded") {
    const std::vector<std::string> proxies = {"127.0.0.1", "10.0.0.9"};
    // Not from a proxy: the header is the client's own claim, ignored.
    CHECK(web::client_address("198.51.100.4", "203.0.113.7", proxies) == "198.51.100.4");
    CHECK(web::client_address("198.51.100.4", "203.0.113.7", {}) == "198.51.100.4");
    CHECK(web::client_address("127.0.0.1", "203.0.113.7", proxies) == "203.0.113.7");
    CHECK(web::client_address("127.0.0.1", " 1.2.3.4 , 203.0.113.7 ", proxies) == "203.0.113.7");   // a forged left entry ignored
    CHECK(web::client_address("127.0.0.1", "203.0.113.7, 10.0.0.9", proxies) == "203.0.113.7");   // two proxies in a row
    CHECK(web::client_address("127.0.0.1", "2001:db8::7", proxies) == "2001:db8::7");
    CHECK(web::client_address("127.0.0.1", "", proxies) == "127.0.0.1");
    CHECK(web::client_address("127.0.0.1", "203.0.113.7, <script>", proxies) == "127.0.0.1");   // junk ends the search
    CHECK(web::client_address("127.0.0.1", "203.0.113.7:5000", proxies) == "127.0.0.1");
    CHECK(web::client_address("127.0.0.1", "203.0.113.7, 10.0.0.9", {"127.0.0.1"}) == "10.0.0.9");
    std::string many = "203.0.113.7";
    for (std::size_t i = 0; i < web::kMaxForwardedHops; ++i) many += ",10.0.0.9";
    CHECK(web::client_address("127.0.0.1", many, proxies) == "10.0.0.9");   // no further than the bound
    CHECK(web::is_ip_address("::1"));
    CHECK_FALSE(web::is_ip_address("localhost"));
    CHECK_FALSE(web::is_ip_address("1.2.3.4 "));
}

TEST_CASE("web: behind a trusted balancer wrong passwords count against the client's address, not the balancer's") {
    Fixture f;
    // A sign-in through Site::serve as the socket adapter gives it: from the balancer at
    // 127.0.0.1, the client named in X-Forwarded-For (twice: the client's forged line first).
    const auto attempt = [](web::Site& site, const std::string& client) {
        rc::PageRequest form{"GET", "/signin", "", {{"X-Forwarded-For", client}}, "", "127.0.0.1", false};
        const auto page = site.serve(form);
        const auto token = cookie_value(page, "jh_signin");
        REQUIRE(token.size() == 64);
        rc::PageRequest post{"POST", "/signin", "",
                             {{"Content-Type", "application/x-www-form-urlencoded"},
                              {"Cookie", "jh_signin=" + token},
                              {"X-Forwarded-For", "192.0.2.1"},
                              {"X-Forwarded-For", client}},
                             "csrf=" + token + "&name=rev&password=wrong", "127.0.0.1", false};
        CHECK(site.serve(post).status == 401);
    };
    web::AuthOptions behind;
    behind.trusted_proxies = {"127.0.0.1"};
    web::Site site(*f.store, behind);
    attempt(site, "203.0.113.7");
    attempt(site, "203.0.113.7");
    CHECK(f.store->signin_failures("addr:203.0.113.7").failures == 2);
    CHECK(f.store->signin_failures("addr:127.0.0.1").failures == 0);
    CHECK(f.store->signin_failures("addr:192.0.2.1").failures == 0);
    // Not told to trust the balancer: the header is ignored and the peer is counted.
    web::Site plain(*f.store);
    attempt(plain, "203.0.113.8");
    CHECK(f.store->signin_failures("addr:127.0.0.1").failures == 1);
    CHECK(f.store->signin_failures("addr:203.0.113.8").failures == 0);
}

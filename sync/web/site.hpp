// The bureau's web page (issue 10; docs/web.md): one more face of the receiver's library, like
// the CLI. Site::handle is a function from a Request to a Response — no sockets, no clock of
// its own (Request::now) — mounted at `/` of `junheng-bureau serve` (sync/receiver/serve.hpp's
// PageHandler); the protocol's routes under /v1/ are the receiver's.
//
// Pages are HTML rendered here and work without JavaScript: every page and filter is a plain
// link or GET form; every change (sign-in, sign-out, accept, return, reopen) is a POST form
// carrying its CSRF token. The one stylesheet is compiled in (assets/web/, served at /assets/);
// no page refers to any other origin. Text for people is Chinese; the log is English.
//
//   GET  /                      → /schools when signed in, else /signin
//   GET  /signin, POST /signin  the sign-in form (auth.hpp)
//   POST /signout
//   GET  /schools               every school: last sync, review state, how late; rates; filters
//   GET  /school/CODE[?year=Y]  one school year: review, indicators, data, versions and changes
//   POST /school/CODE/decide    accept | return (comment) | reopen (reason, admin): store->decide
//   GET  /assets/NAME           the compiled-in stylesheet
#pragma once
#include <iosfwd>
#include <string>

#include "sync/receiver/store.hpp"
#include "sync/web/auth.hpp"
#include "sync/web/http.hpp"

namespace jh::sync::web {

class Site {
public:
    // `log`: one English line per sign-in, sign-out, decision and refusal (nullptr: none).
    explicit Site(receiver::ReceiverStore& store, AuthOptions options = {}, std::ostream* log = nullptr);

    Response handle(const Request& request);
    // The socket adapter's entry: parses (a bad request is 400) and handles at the clock's now.
    Response serve(const receiver::PageRequest& raw);

private:
    Response route(const Request& r);
    Response signin_page(const Request& r, int status, const std::string& message);
    Response post_signin(const Request& r);
    Response post_signout(const Request& r, const Signed& s);
    Response schools(const Request& r, const Signed& s);
    Response school(const Request& r, const Signed& s, const std::string& code);
    Response decide(const Request& r, const Signed& s, const std::string& code);
    void log(const std::string& line);

    receiver::ReceiverStore& store_;
    Auth auth_;
    std::ostream* log_;
};

// ---- shared by the page files (pages.hpp's helpers are declared here to keep one header) ----

// The page frame: title, the signed-in user's bar (name, role, sign-out form), the body.
std::string layout(const std::string& title, const Signed* s, const std::string& body);
// A refusal or error as a page with the frame.
Response message_page(int status, const std::string& title, const std::string& message, const Signed* s);
// The hidden CSRF field of a signed-in user's forms.
std::string csrf_field(const Signed& s);
// A review state word (review.hpp) in Chinese.
std::string state_label(const std::string& state);
// "2025—2026 学年" (domain/school_year.hpp).
std::string year_label(int year);

}  // namespace jh::sync::web

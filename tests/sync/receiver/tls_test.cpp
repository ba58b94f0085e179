// `junheng-bureau serve --tls-cert --tls-key`: the receiver speaks HTTPS only. A throw-away
// certificate for 127.0.0.1 (made with the openssl command), then: the terminals' own libcurl
// transport says hello over it when it trusts the certificate and refuses when it does not;
// the web page's session cookie carries Secure; plain HTTP to the TLS port gets no answer;
// a certificate with another's key, or a missing file, stops serve with a clear message.
#include <doctest/doctest.h>

#include <httplib.h>

#include <cstdlib>
#include <filesystem>

#include "sync/protocol/http.hpp"
#include "sync/protocol/messages.hpp"
#include "sync/protocol/protocol.hpp"
#include "sync/receiver/fixture.hpp"
#include "sync/receiver/process.hpp"
#include "sync/transport/curl_transport.hpp"

using namespace jh::test;
namespace fs = std::filesystem;

namespace {

// A self-signed certificate for 127.0.0.1 and its key, as PEM files in `dir`; false when the
// openssl command failed.
bool make_certificate(const fs::path& dir, const std::string& name) {
    const auto cert = (dir / (name + ".pem")).string(), key = (dir / (name + ".key")).string();
    const std::string command = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 "
                                "-addext subjectAltName=IP:127.0.0.1 -keyout '" + key + "' -out '" + cert + "' 2>/dev/null";
    return std::system(command.c_str()) == 0 && fs::exists(cert) && fs::exists(key);
}

}  // namespace

TEST_CASE("junheng-bureau serve over HTTPS: terminals' libcurl says hello when it trusts the certificate, cookies carry Secure") {
    TempDir dir;
    REQUIRE(make_certificate(dir.path(), "bureau"));
    const auto cert = (dir.path() / "bureau.pem").string(), key = (dir.path() / "bureau.key").string();
    const ScratchStore scratch(dir.path());
    REQUIRE(bureau_run(scratch.args({"user", "add", "--name", "admin1", "--role", "admin", "--password-stdin"}), "secret-1\n").status == 0);

    ServeProcess serve(scratch.args(), "127.0.0.1:0", {"--tls-cert", cert, "--tls-key", key});
    const std::string url = "https://127.0.0.1:" + std::to_string(serve.port());
    jh::sync::protocol::HttpRequest hello;
    hello.method = "GET";
    hello.target = std::string(jh::sync::protocol::kPathHello);

    // The terminal's transport, trusting the certificate: a signed hello back.
    auto trusting = jh::sync::transport::make_curl_transport({5, 10, 1u << 20, cert});
    const auto answered = trusting->send(url, hello);
    REQUIRE_MESSAGE(answered.delivered, answered.error);
    CHECK(answered.response.status == 200);
    CHECK(jh::sync::protocol::header_value(answered.response.headers, jh::sync::protocol::kHeaderReplySignature).has_value());

    // Not trusting it (the system store has no such certificate): refused by the terminal.
    auto wary = jh::sync::transport::make_curl_transport({5, 10, 1u << 20, ""});
    CHECK_FALSE(wary->send(url, hello).delivered);

    // The web page over HTTPS: the session cookie is Secure as well as HttpOnly and SameSite=Strict.
    httplib::SSLClient browser("127.0.0.1", serve.port());
    browser.set_ca_cert_path(cert.c_str());
    browser.enable_server_certificate_verification(true);
    auto form = browser.Get("/signin");
    REQUIRE(form);
    REQUIRE(form->status == 200);
    const auto token_at = form->body.find("name=\"csrf\" value=\"");
    REQUIRE(token_at != std::string::npos);
    const auto token_start = token_at + 19;
    const auto token = form->body.substr(token_start, form->body.find('"', token_start) - token_start);
    httplib::Headers cookie{{"Cookie", form->get_header_value("Set-Cookie").substr(0, form->get_header_value("Set-Cookie").find(';'))}};
    auto signed_in = browser.Post("/signin", cookie, "csrf=" + token + "&name=admin1&password=secret-1",
                                  "application/x-www-form-urlencoded");
    REQUIRE(signed_in);
    CHECK(signed_in->status == 303);
    const auto set_cookie = signed_in->get_header_value("Set-Cookie");
    CHECK(set_cookie.find("Secure") != std::string::npos);
    CHECK(set_cookie.find("HttpOnly") != std::string::npos);
    CHECK(set_cookie.find("SameSite=Strict") != std::string::npos);

    // Plain HTTP to the TLS port: no HTTP answer.
    httplib::Client plain("127.0.0.1", serve.port());
    plain.set_connection_timeout(5);
    plain.set_read_timeout(5);
    auto refused = plain.Get("/v1/hello");
    CHECK((!refused || refused->status != 200));
    CHECK(serve.stop() == 0);
}

TEST_CASE("junheng-bureau serve refuses a TLS key that is not the certificate's, a missing file, and one option alone") {
    TempDir dir;
    REQUIRE(make_certificate(dir.path(), "one"));
    REQUIRE(make_certificate(dir.path(), "two"));
    const ScratchStore scratch(dir.path());
    const auto one = (dir.path() / "one.pem").string(), two_key = (dir.path() / "two.key").string();

    auto mismatched = bureau_run(scratch.args({"serve", "--listen", "127.0.0.1:0", "--tls-cert", one, "--tls-key", two_key}));
    CHECK(mismatched.status == 1);
    CHECK(mismatched.err.find("cannot use the certificate") != std::string::npos);

    auto missing = bureau_run(scratch.args({"serve", "--listen", "127.0.0.1:0", "--tls-cert", one, "--tls-key",
                                            (dir.path() / "none.key").string()}));
    CHECK(missing.status == 1);
    CHECK(missing.err.find("TLS: no file") != std::string::npos);

    auto alone = bureau_run(scratch.args({"serve", "--listen", "127.0.0.1:0", "--tls-cert", one}));
    CHECK(alone.status == 2);
    CHECK(alone.err.find("go together") != std::string::npos);
}

// The web page's routing, frame, sign-in and sign-out, the stylesheet and review decisions;
// the schools page is schools.cpp, a school's page school.cpp. See site.hpp.
#include "domain/school_year.hpp"
#include "sync/web/site.hpp"

#include <chrono>
#include <ostream>
#include <stdexcept>

#include "domain/embedded.hpp"
#include "domain/message.hpp"
#include "sync/protocol/protocol.hpp"
#include "sync/receiver/review.hpp"
#include "sync/receiver/staff.hpp"

namespace jh::sync::web {

namespace assets {
const std::vector<jh::EmbeddedFile>& embedded_files();   // generated from assets/web/*
}

namespace {

using namespace jh::sync::receiver;

std::string cookie(std::string_view name, const std::string& value, bool secure, bool clear = false) {
    std::string c = std::string(name) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict";
    if (clear) c += "; Max-Age=0";
    if (secure) c += "; Secure";
    return c;
}

std::string cookie_of(const Request& r, std::string_view name) {
    const auto it = r.cookies.find(std::string(name));
    return it == r.cookies.end() ? std::string() : it->second;
}

std::string field(const Request& r, const std::string& name) {
    const auto it = r.form.find(name);
    return it == r.form.end() ? std::string() : it->second;
}

Response asset(const std::string& name) {
    for (const auto& f : assets::embedded_files())
        if (f.name == name) {
            Response res;
            res.headers = {{"Content-Type", name.ends_with(".css") ? "text/css; charset=utf-8" : "application/octet-stream"},
                           {"Cache-Control", "max-age=3600"},
                           {"X-Content-Type-Options", "nosniff"}};
            res.body = std::string(f.content);
            return res;
        }
    return text(404, "no such asset");
}

}  // namespace

std::string csrf_field(const Signed& s) {
    return "<input type=\"hidden\" name=\"csrf\" value=\"" + html(csrf_token(s.session_id)) + "\">";
}

std::string year_label(int year) { return domain::school_year_zh(year); }

std::string state_label(const std::string& state) { return receiver::review_state_zh(state); }

std::string layout(const std::string& title, const Signed* s, const std::string& body) {
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>" + html(title) + " · 均衡 · 教育局</title>\n"
        "<link rel=\"stylesheet\" href=\"/assets/style.css\">\n</head>\n<body>\n<header class=\"bar\">\n"
        "<span class=\"brand\">均衡 · 县域义务教育优质均衡 · 教育局</span>\n";
    if (s) {
        out += "<nav><a href=\"/schools\">学校</a><a href=\"/report\">报告</a></nav>\n<span class=\"who\">" + html(s->user.name) + "（" +
               (s->user.role == staff_role::kAdmin ? "管理员" : "审核员") +
               (s->user.county ? "，限 " + html(*s->user.county) + " 县" : std::string()) + "）</span>\n" +
               "<form class=\"signout\" method=\"post\" action=\"/signout\">" + csrf_field(*s) +
               "<button type=\"submit\">退出登录</button></form>\n";
    }
    out += "</header>\n<main>\n" + body + "</main>\n</body>\n</html>\n";
    return out;
}

Response message_page(int status, const std::string& title, const std::string& message, const Signed* s) {
    return html_page(status, layout(title, s,
                                     "<h1>" + html(title) + "</h1>\n<p class=\"message error\">" + html(message) + "</p>\n" +
                                         (s ? "<p><a href=\"/schools\">返回学校列表</a></p>\n" : "<p><a href=\"/signin\">登录</a></p>\n")));
}

Site::Site(ReceiverStore& store, AuthOptions options, std::ostream* log) : store_(store), auth_(store, options), log_(log) {}

void Site::log(const std::string& line) {
    if (log_) *log_ << "junheng-bureau: web: " << line << std::endl;
}

Response Site::serve(const PageRequest& raw) {
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    try {
        return handle(parse_request(raw, now, auth_.options().trusted_proxies));
    } catch (const BadRequest& e) {
        return message_page(400, "请求无效", std::string("无法读取此请求（") + e.what() + "）。", nullptr);
    }
}

Response Site::handle(const Request& r) {
    try {
        return route(r);
    } catch (const BadRequest& e) {
        return message_page(400, "请求无效", std::string("无法读取此请求（") + e.what() + "）。", nullptr);
    } catch (const domain::Rejected& e) {
        log("refused " + r.method + " " + r.path + ": " + e.message().en);
        return message_page(409, "无法完成", e.message().zh, nullptr);
    } catch (const std::exception& e) {
        log("error on " + r.method + " " + r.path + ": " + e.what());
        return message_page(500, "服务器错误", "服务器处理此请求时出错，已记录在日志中。", nullptr);
    }
}

Response Site::route(const Request& r) {
    const bool get = r.method == "GET" || r.method == "HEAD";
    const bool post = r.method == "POST";
    if (get && r.path.starts_with("/assets/")) return asset(r.path.substr(8));
    if (get && r.path == "/favicon.ico") {   // browsers ask for it by themselves: no icon, no error
        Response none;
        none.status = 204;
        return none;
    }
    if (r.path == "/signin") {
        if (post) return post_signin(r);
        if (get) {
            const auto sid = cookie_of(r, kSessionCookie);
            if (!sid.empty() && auth_.session(sid, r.now)) return redirect("/schools");
            std::string message;
            if (r.query.count("out")) message = "已退出登录。";
            if (r.query.count("expired")) message = "登录已过期，请重新登录。";
            return signin_page(r, 200, message);
        }
    }
    // Everything else needs a session.
    const auto sid = cookie_of(r, kSessionCookie);
    const auto signed_in = sid.empty() ? std::nullopt : auth_.session(sid, r.now);
    if (!signed_in) {
        if (get) {
            auto res = redirect(sid.empty() ? "/signin" : "/signin?expired=1");
            if (!sid.empty()) res.headers.emplace_back("Set-Cookie", cookie(kSessionCookie, "", r.secure, true));
            return res;
        }
        log("refused " + r.method + " " + r.path + " from " + r.address + ": no valid session");
        return message_page(403, "未登录", "登录已过期或尚未登录，操作未执行。请重新登录。", nullptr);
    }
    const auto& s = *signed_in;
    if (post) {
        // Every change carries the session's CSRF token; a form without it (or with another
        // session's) is refused before anything else is read.
        if (!csrf_matches(s.session_id, field(r, "csrf"))) {
            log("refused " + r.path + " by " + s.user.name + " from " + r.address + ": missing or wrong CSRF token");
            return message_page(403, "请求被拒绝", "表单缺少有效的安全令牌（CSRF），操作未执行。请从页面重新提交。", &s);
        }
        if (r.path == "/signout") return post_signout(r, s);
        if (r.path.starts_with("/school/") && r.path.ends_with("/decide"))
            return decide(r, s, r.path.substr(8, r.path.size() - 8 - 7));
        return message_page(404, "页面不存在", "没有这个页面。", &s);
    }
    if (!get) return message_page(405, "方法不允许", "此页面不接受这种请求。", &s);
    if (r.path == "/") return redirect("/schools");
    if (r.path == "/schools") return schools(r, s);
    if (r.path == "/report") return report(r, s);
    if (r.path.starts_with("/report/")) return report_download(r, s, r.path.substr(8));
    if (r.path.starts_with("/school/") && r.path.find('/', 8) == std::string::npos) return school(r, s, r.path.substr(8));
    return message_page(404, "页面不存在", "没有这个页面。", &s);
}

Response Site::signin_page(const Request& r, int status, const std::string& message) {
    // A fresh random token, in the form and in its own cookie: the POST must carry both.
    const auto token = random_token();
    std::string body = "<section class=\"signin\">\n<h1>教育局工作人员登录</h1>\n";
    if (!message.empty())
        body += "<p class=\"message" + std::string(status >= 400 ? " error" : "") + "\" role=\"alert\">" + html(message) + "</p>\n";
    body += "<form method=\"post\" action=\"/signin\">\n<input type=\"hidden\" name=\"csrf\" value=\"" + token + "\">\n"
            "<label>用户名 <input name=\"name\" autocomplete=\"username\" required maxlength=\"64\"></label>\n"
            "<label>密码 <input name=\"password\" type=\"password\" autocomplete=\"current-password\" required maxlength=\"1024\"></label>\n"
            "<button type=\"submit\">登录</button>\n</form>\n"
            "<p class=\"hint\">账户由管理员用 <code>junheng-bureau user add</code> 创建。</p>\n</section>\n";
    auto res = html_page(status, layout("登录", nullptr, body));
    res.headers.emplace_back("Set-Cookie", cookie(kSigninCookie, token, r.secure));
    return res;
}

Response Site::post_signin(const Request& r) {
    if (!same_token(cookie_of(r, kSigninCookie), field(r, "csrf"))) {
        log("refused sign-in from " + r.address + ": missing or wrong form token");
        return signin_page(r, 403, "登录表单已失效（缺少安全令牌），请重新输入。");
    }
    const auto name = field(r, "name");
    const auto result = auth_.sign_in(name, field(r, "password"), r.address, r.now);
    using K = SigninResult::Kind;
    switch (result.kind) {
        case K::SignedIn: {
            log("sign-in of " + name + " from " + r.address);
            auto res = redirect("/schools");
            res.headers.emplace_back("Set-Cookie", cookie(kSessionCookie, result.session_id, r.secure));
            return res;
        }
        case K::Wrong:
            log("wrong password for '" + name + "' from " + r.address);
            return signin_page(r, 401, "用户名或密码错误。");
        case K::Slowed:
            log("sign-in of '" + name + "' from " + r.address + " slowed: " + std::to_string(result.wait_seconds) + " s");
            return signin_page(r, 429, "密码错误次数过多，请 " + std::to_string(result.wait_seconds) + " 秒后再试。");
        case K::Locked:
            log("sign-in of '" + name + "' from " + r.address + " locked: " + std::to_string(result.wait_seconds) + " s");
            return signin_page(r, 429, "密码错误次数过多，登录已锁定，请 " + std::to_string((result.wait_seconds + 59) / 60) +
                                           " 分钟后再试，或联系管理员。");
    }
    return signin_page(r, 401, "用户名或密码错误。");
}

Response Site::post_signout(const Request& r, const Signed& s) {
    auth_.sign_out(s.session_id);
    log("sign-out of " + s.user.name);
    auto res = redirect("/signin?out=1");
    res.headers.emplace_back("Set-Cookie", cookie(kSessionCookie, "", r.secure, true));
    return res;
}

Response Site::decide(const Request& r, const Signed& s, const std::string& code) {
    const auto action = field(r, "action");
    const std::string word(action == "return"   ? protocol::decision::kReturned
                           : action == "accept" ? protocol::decision::kAccepted
                           : action == "reopen" ? protocol::decision::kReopened
                                                : "");
    if (word.empty()) return message_page(400, "请求无效", "未知的操作。", &s);
    int year = 0, version = 0;
    try {
        year = std::stoi(field(r, "year"));
        version = std::stoi(field(r, "version"));
    } catch (const std::exception&) {
        return message_page(400, "请求无效", "学年或版本号无效。", &s);
    }
    if (year < 1900 || year > 2200 || version < 1 || version > 1000000) return message_page(400, "请求无效", "学年或版本号无效。", &s);
    const auto text = field(r, "text");
    const std::string back = "/school/" + url_encode(code) + "?year=" + std::to_string(year);
    // The same checks and the same store verb as `junheng-bureau return|accept|reopen`.
    try {
        if (word == protocol::decision::kReopened) require_admin(s.actor, "reopen");
    } catch (const std::invalid_argument& e) {
        log("refused reopen of " + code + " by " + s.user.name + ": " + e.what());
        return message_page(403, "需要管理员权限", "重新开放已通过的学年需要管理员权限；" + s.user.name + " 是审核员。未做任何更改。", &s);
    }
    try {
        require_county(store_, s.actor, code);
    } catch (const std::invalid_argument& e) {
        log("refused " + word + " of " + code + " by " + s.user.name + ": " + e.what());
        return message_page(403, "无权操作", "您的账户只能处理 " + s.user.county.value_or("") + " 县的学校。未做任何更改。", &s);
    }
    if (word != protocol::decision::kAccepted && text.find_first_not_of(" \t\r\n") == std::string::npos)
        return message_page(400, "缺少意见", word == protocol::decision::kReturned ? "退回需要填写意见。" : "重新开放需要填写原因。", &s);
    if (text.size() > protocol::kMaxCommentBytes)
        return message_page(400, "意见过长", "意见不能超过 " + std::to_string(protocol::kMaxCommentBytes) + " 字节。", &s);
    try {
        const auto taken = store_.decide({code, year, version, word, word == protocol::decision::kAccepted ? "" : text, s.user.name},
                                         iso_time(r.now));
        log(code + " " + std::to_string(year) + " version " + std::to_string(taken.version) + ": " + word + " by " + s.user.name);
    } catch (const std::invalid_argument& e) {
        log("refused " + word + " of " + code + " by " + s.user.name + ": " + e.what());
        return message_page(409, "无法完成", std::string("操作未执行：") + e.what(), &s);
    }
    return redirect(back + "&done=" + url_encode(word));
}

}  // namespace jh::sync::web

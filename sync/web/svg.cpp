// The web page's inline SVG charts; see svg.hpp.
#include "sync/web/svg.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "indicators/text.hpp"
#include "sync/web/http.hpp"

namespace jh::sync::web::svg {
namespace {

// A coordinate with one decimal: enough on screen and in print, and short.
std::string n(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", std::isfinite(v) ? v : 0.0);
    return buf;
}

std::string open(const std::string& title, int width, int height) {
    return "<svg class=\"chart\" role=\"img\" width=\"" + std::to_string(width) + "\" height=\"" +
           std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(width) + " " + std::to_string(height) + "\"><title>" +
           html(title) + "</title>";
}

std::string text_at(double x, double y, const std::string& text, const char* cls, const char* anchor = "start") {
    return "<text class=\"" + std::string(cls) + "\" x=\"" + n(x) + "\" y=\"" + n(y) + "\" text-anchor=\"" + anchor + "\">" + html(text) +
           "</text>";
}

// A date "12-01" of Unix seconds (UTC, receiver time).
std::string day_text(std::int64_t t) {
    const auto iso = iso_time(t);
    return iso.substr(5, 5);
}

}  // namespace

std::string bar_chart(const BarChart& c) {
    const double left = 48, right = 96, top = 14;
    const bool labels = std::any_of(c.bars.begin(), c.bars.end(), [](const Bar& b) { return !b.label.empty(); });
    const double bottom = labels ? 34 : 12;
    const double w = c.width - left - right, h = c.height - top - bottom;
    double top_value = c.line.value_or(0);
    for (const auto& b : c.bars) top_value = std::max(top_value, std::isfinite(b.value) ? b.value : 0.0);
    if (top_value <= 0) top_value = 1;
    top_value *= 1.08;
    const auto y_of = [&](double v) { return top + h - h * std::clamp(v, 0.0, top_value) / top_value; };

    std::string out = open(c.title, c.width, c.height);
    out += "<line class=\"axis\" x1=\"" + n(left) + "\" y1=\"" + n(top + h) + "\" x2=\"" + n(left + w) + "\" y2=\"" + n(top + h) + "\"/>";
    out += "<line class=\"axis\" x1=\"" + n(left) + "\" y1=\"" + n(top) + "\" x2=\"" + n(left) + "\" y2=\"" + n(top + h) + "\"/>";
    out += text_at(left - 4, top + h, "0", "tick", "end");
    out += text_at(left - 4, top + 10, indicators::number_text(top_value / 1.08, c.decimals), "tick", "end");
    const std::size_t count = std::max<std::size_t>(c.bars.size(), 1);
    const double slot = w / static_cast<double>(count);
    const double bar_width = std::max(slot * 0.7, 0.6);
    for (std::size_t i = 0; i < c.bars.size(); ++i) {
        const auto& b = c.bars[i];
        const double x = left + slot * static_cast<double>(i) + (slot - bar_width) / 2, y = y_of(b.value);
        out += "<rect class=\"col" + std::string(b.bad ? " bad" : "") + "\" x=\"" + n(x) + "\" y=\"" + n(y) + "\" width=\"" + n(bar_width) +
               "\" height=\"" + n(top + h - y) + "\"><title>" + html(b.tip) + "</title></rect>";
        if (!b.label.empty()) out += text_at(x + bar_width / 2, top + h + 14, b.label, "label", "middle");
    }
    if (c.line) {
        const double y = y_of(*c.line);
        out += "<line class=\"limit\" x1=\"" + n(left) + "\" y1=\"" + n(y) + "\" x2=\"" + n(left + w) + "\" y2=\"" + n(y) + "\"/>";
        out += text_at(left + w + 4, y + 4, c.line_label + " " + indicators::number_text(*c.line, c.decimals), "limit-label");
    }
    return out + "</svg>";
}

std::string arrival_chart(const ArrivalChart& c) {
    const double left = 48, right = 96, top = 14, bottom = 34;
    const double w = c.width - left - right, h = c.height - top - bottom;
    auto times = c.times;
    std::sort(times.begin(), times.end());
    std::int64_t start = times.empty() ? c.now - 86400 : times.front();
    std::int64_t end = std::max(c.now, times.empty() ? c.now : times.back());
    if (c.deadline) {
        start = std::min(start, *c.deadline);
        end = std::max(end, *c.deadline);
    }
    if (end <= start) end = start + 86400;
    const double total = static_cast<double>(std::max<std::size_t>({c.total, times.size(), 1}));
    const auto x_of = [&](std::int64_t t) { return left + w * static_cast<double>(t - start) / static_cast<double>(end - start); };
    const auto y_of = [&](double count) { return top + h - h * count / (total * 1.08); };

    std::string out = open(c.title, c.width, c.height);
    out += "<line class=\"axis\" x1=\"" + n(left) + "\" y1=\"" + n(top + h) + "\" x2=\"" + n(left + w) + "\" y2=\"" + n(top + h) + "\"/>";
    out += "<line class=\"axis\" x1=\"" + n(left) + "\" y1=\"" + n(top) + "\" x2=\"" + n(left) + "\" y2=\"" + n(top + h) + "\"/>";
    out += text_at(left - 4, top + h, "0", "tick", "end");
    out += text_at(left, top + h + 14, day_text(start), "tick", "start");
    out += text_at(left + w, top + h + 14, day_text(end), "tick", "end");
    // The total to reach.
    const double y_total = y_of(total);
    out += "<line class=\"limit\" x1=\"" + n(left) + "\" y1=\"" + n(y_total) + "\" x2=\"" + n(left + w) + "\" y2=\"" + n(y_total) + "\"/>";
    out += text_at(left + w + 4, y_total + 4, "应报 " + std::to_string(static_cast<long long>(total)), "limit-label");
    if (c.deadline) {
        const double x = x_of(*c.deadline);
        out += "<line class=\"deadline\" x1=\"" + n(x) + "\" y1=\"" + n(top) + "\" x2=\"" + n(x) + "\" y2=\"" + n(top + h) + "\"/>";
        out += text_at(x, top + h + 28, "截止 " + day_text(*c.deadline - 1), "deadline-label", "middle");
    }
    // The step line: flat until each arrival, then one up.
    std::string points = n(x_of(start)) + "," + n(y_of(0));
    double count = 0;
    for (const auto t : times) {
        points += " " + n(x_of(t)) + "," + n(y_of(count));
        count += 1;
        points += " " + n(x_of(t)) + "," + n(y_of(count));
    }
    points += " " + n(x_of(end)) + "," + n(y_of(count));
    out += "<polyline class=\"arrivals\" points=\"" + points + "\"/>";
    out += text_at(left + w + 4, y_of(count) + 16, "已报 " + std::to_string(static_cast<long long>(count)), "label");
    return out + "</svg>";
}

}  // namespace jh::sync::web::svg

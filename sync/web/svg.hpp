// Charts for the web page as inline SVG drawn by the server (issue 10 item 4): no script, no
// other origin, no inline style (the page's Content-Security-Policy allows neither) — shapes
// carry classes the stylesheet colours (assets/web/style.css "charts") and presentation
// attributes only. Every text goes through html(). The figures are the caller's: these
// functions only draw them.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jh::sync::web::svg {

// One bar: its label under the axis (empty: none), its tooltip, its value; `bad` draws it in the
// failing colour.
struct Bar {
    std::string label, tip;
    double value = 0;
    bool bad = false;
};

// Bars against one reference line (a standard, a limit), the axis from 0 to the largest of the
// bars and the line.
struct BarChart {
    std::string title;                 // the chart's accessible name (<title>)
    std::vector<Bar> bars;
    std::optional<double> line;        // drawn across, labelled `line_label`
    std::string line_label;
    int width = 640, height = 200;
    int decimals = 2;                  // of the numbers written on the chart
};
std::string bar_chart(const BarChart& chart);

// A count over time: how many of `total` had arrived by each moment (`times`, Unix seconds, any
// order), as a step line from the first arrival to `now`, with the total and the deadline (the
// end of its day) drawn across.
struct ArrivalChart {
    std::string title;
    std::vector<std::int64_t> times;
    std::size_t total = 0;
    std::optional<std::int64_t> deadline;
    std::int64_t now = 0;
    int width = 640, height = 200;
};
std::string arrival_chart(const ArrivalChart& chart);

}  // namespace jh::sync::web::svg

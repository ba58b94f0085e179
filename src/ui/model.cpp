// Model updates, all on the UI thread.
#include "ui/model.hpp"

namespace jh::ui {

std::string Model::setting(const std::string& key, const std::string& fallback) const {
    auto it = settings.find(key);
    return it == settings.end() ? fallback : it->second;
}

const domain::SchoolYear* Model::current_year() const {
    for (const auto& y : years)
        if (y.year == year) return &y;
    return nullptr;
}

bool Model::read_only() const {
    const auto* y = current_year();
    return y && y->status == domain::YearStatus::Submitted;
}

void Model::apply(Snapshot s) {
    school = std::move(s.school);
    years = std::move(s.years);
    year = s.year;
    if (s.data) data = std::move(s.data);
    overview = std::move(s.overview);
    operators = std::move(s.operators);
    ++data_version;
}

void Model::report_error(domain::Message message, std::vector<domain::Issue> issues) {
    status = Status{Status::Kind::Error, std::move(message), std::move(issues)};
}

void Model::report(Status::Kind kind, domain::Message message) { status = Status{kind, std::move(message), {}}; }

}  // namespace jh::ui

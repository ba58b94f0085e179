// Model updates, all on the UI thread.
#include "ui/model.hpp"

#include "exchange/problem.hpp"

#include "indicators/pack.hpp"

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
    refresh_ms = s.took_ms;
    ++data_version;
}

void Model::lock() {
    locked = true;
    undo.reset();
    status = {};
}

void Model::set_operator(std::string name) {
    if (name != operator_name) undo.reset();
    operator_name = std::move(name);
}

void Model::offer_undo(UndoStep step) {
    if (!locked) undo = std::move(step);
}

void Model::report_error(domain::Message message, std::vector<domain::Issue> issues) {
    status = Status{Status::Kind::Error, std::move(message), std::move(issues)};
}

namespace {

void add(std::string& out, const domain::Message& message) {
    out += message.zh;
    out += message.en;
}

void add_item(std::string& out, const indicators::ItemResult& item) {
    add(out, item.name);
    add(out, item.detail);
    for (const auto& g : item.gaps) add(out, g.text);
}

void add_overview(std::string& out, const OverviewData& o) {
    add(out, o.pack_name);
    out += o.pack_document;
    if (o.problem) add(out, *o.problem);
    if (o.pack_ended) add(out, *o.pack_ended);
    if (o.rolls_missing) add(out, *o.rolls_missing);
    for (const auto& [stage, source] : o.pupil_sources) add(out, source);
    for (const auto& info : indicators::resource_info()) add(out, info.name);
    for (int s = 0; s <= static_cast<int>(indicators::Status::Info); ++s)
        out += indicators::status_label(static_cast<indicators::Status>(s)).zh;
    if (!o.result) return;
    if (o.result->scope_note) add(out, *o.result->scope_note);
    for (const auto& empty : o.result->empty_stages) add(out, empty.reason);
    for (const auto& part : o.result->parts) {
        for (const auto& g : part.resources.gaps) add(out, g.text);
        for (const auto& g : part.resources.fixes) add(out, g.text);
        for (const auto& item : part.items) add_item(out, item);
    }
    for (const auto& item : o.result->items) add_item(out, item);
    for (const auto& n : o.result->not_computed) {
        add(out, n.name);
        add(out, n.reason);
    }
}

}  // namespace

std::string interface_text() {
    std::string out = Catalogue::load(Language::Zh).all_text() + Catalogue::load(Language::En).all_text();
    auto add_kind = [&](auto tag) {
        using R = decltype(tag);
        out += domain::Entity<R>::zh;
        out += domain::Entity<R>::en;
        for (const auto& f : domain::Entity<R>::fields()) {
            out += f.zh;
            out += f.en;
            for (const auto& choice : f.enum_labels) {
                out += choice.zh;
                out += choice.en;
            }
        }
    };
    add_kind(domain::School{});
    add_kind(domain::Operator{});
    domain::for_each_year_entity(add_kind);
    for (const auto& pack : indicators::builtin_packs()) {   // offered by name in the settings
        add(out, pack.name);
        out += pack.id + pack.version;
    }
    return out;
}

std::string model_text(const Model& m) {
    std::string out;
    if (m.school) out += m.school->name;
    for (const auto& o : m.operators) out += o.name;
    const auto& d = *m.data;
    for (const auto& s : d.staff) out += s.name + s.subject;
    for (const auto& t : d.training) out += t.topic;
    for (const auto& b : d.buildings) out += b.name;
    for (const auto& r : d.rooms) out += r.name;
    for (const auto& g : d.grounds) out += g.name;
    for (const auto& e : d.equipment) out += e.name;
    if (m.overview) add_overview(out, *m.overview);
    for (const auto& [key, content] : m.drafts) out += content;
    add(out, m.status.message);
    for (const auto& issue : m.status.issues) add(out, issue.message);
    if (m.history)
        for (const auto& e : m.history->entries) out += e.operator_name + e.old_json + e.new_json;
    if (m.import_check) {
        const auto& p = m.import_check->preview;
        out += p.school_code + p.school_name;
        for (const auto& k : p.kinds) out += k.zh + k.file;
        for (const auto& file : p.unmarked) out += file;
    }
    if (m.import_problems)
        for (const auto& g : m.import_problems->groups) {
            out += g.file;
            add(out, g.heading);
            for (const auto& line : g.lines) add(out, line);
        }
    if (m.folder) {
        out += m.folder->folder;
        for (const auto& name : m.folder->folders) out += name;
        for (const auto& name : m.folder->files) out += name;
        for (const auto& place : m.folder->places) out += place.name;
    }
    return out;
}

std::size_t ImportProblems::count() const {
    std::size_t n = 0;
    for (const auto& g : groups) n += g.lines.empty() ? 1 : g.lines.size();
    return n;
}

ImportProblems ImportProblems::from(const domain::Rejected& rejection) {
    ImportProblems out;
    if (auto files = dynamic_cast<const exchange::FilesRejected*>(&rejection)) {
        for (const auto& p : files->problems()) {
            if (out.groups.empty() || out.groups.back().file != p.file) out.groups.push_back({p.file, {}, {}});
            out.groups.back().lines.push_back(p.in_file());
        }
        return out;
    }
    Group whole{"", rejection.message(), {}};
    for (const auto& issue : rejection.issues())
        if (issue.severity == domain::Severity::Error) whole.lines.push_back(issue.message);
    out.groups.push_back(std::move(whole));
    return out;
}

void Model::report(Status::Kind kind, domain::Message message) { status = Status{kind, std::move(message), {}}; }

}  // namespace jh::ui

// First-run setup (首次设置): the school's identity, the first school year, the first
// operator (an administrator) with a PIN, and the bureau's address. Shown until a school
// exists. What is typed is kept as a draft (never the PIN), so a crash loses nothing.
#include <chrono>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "domain/figures.hpp"
#include "domain/regions.hpp"

#include "ui/record_form.hpp"
#include "ui/screens/screen.hpp"

namespace jh::ui {
namespace {

struct SetupScreen final : Screen {
    std::vector<std::string> school;   // per School field, as typed
    std::string year = std::to_string(domain::current_school_year());
    std::string operator_name, pin, pin_again;
    bool restored = false;
    bool focus_first = true;
    std::uint64_t pending = 0;
    std::map<std::string, std::string> refused_;   // per digits-only row: the character last refused

    std::string_view id() const override { return "setup"; }
    const char* title(const Model& m) const override { return m.tr("setup.title"); }

    void restore(const Model& m) {
        const auto& fields = domain::Entity<domain::School>::fields();
        const domain::School defaults;
        for (const auto& f : fields) school.push_back(to_input(f.type, f.get(defaults)));
        auto it = m.drafts.find("form:setup");
        if (it == m.drafts.end()) return;
        auto j = nlohmann::json::parse(it->second, nullptr, false);
        if (j.is_discarded()) return;
        for (std::size_t i = 0; i < fields.size(); ++i)
            if (j.contains(fields[i].key)) school[i] = j[std::string(fields[i].key)].get<std::string>();
        year = j.value("year", year);
        operator_name = j.value("operator", operator_name);
        restored = true;
    }

    void keep_draft(Intents& in) const {
        nlohmann::json j = nlohmann::json::object();
        const auto& fields = domain::Entity<domain::School>::fields();
        for (std::size_t i = 0; i < fields.size(); ++i) j[std::string(fields[i].key)] = school[i];
        j["year"] = year;
        j["operator"] = operator_name;   // never the PIN
        in.save_draft("form:setup", j.dump());
    }

    // A labelled text row; returns {changed, enter}.
    InputResult text_row(const Model& m, const char* label, std::string& buf, const std::string& problem,
                         ImGuiInputTextFlags extra = 0, bool digits = false) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(label);
        ImGui::TableNextColumn();
        ImGui::SetNextItemWidth(-1);
        ImGui::PushID(label);
        const std::string before = buf;
        InputResult r;
        std::string& refused = refused_[label];
        if (digits) extra |= ImGuiInputTextFlags_CallbackCharFilter;
        r.enter = ImGui::InputText("##v", &buf, ImGuiInputTextFlags_EnterReturnsTrue | extra, digits ? digits_filter : nullptr,
                                   &refused);
        r.changed = before != buf;
        if (r.changed) refused.clear();   // the note stays until the next character is taken
        ImGui::PopID();
        ImGui::TableNextColumn();
        if (!refused.empty()) wrapped_colored(colour::amber, refused_note(m, refused));
        else if (!problem.empty()) wrapped_colored(colour::red, problem);
        return r;
    }

    // What the terminal can say of a field that passed its checks, and how far it checked:
    // the county code's province (no county table is carried), where the bureau address
    // comes from.
    static std::string field_note(const Model& m, std::string_view key, const domain::School& school) {
        if (key == "county_code") {
            const auto province = domain::province_of(school.county_code);
            if (!province) return {};
            char buf[256];
            std::snprintf(buf, sizeof buf, m.tr("setup.county_echo"), school.county_code.c_str(), m.text(*province).c_str());
            return buf;
        }
        if (key == "bureau_url") return m.tr("setup.bureau_hint");
        if (key == "central_school_code") return m.tr("setup.central_hint");
        return {};
    }

    struct Checked {
        domain::School school;
        std::vector<std::string> problems;   // per School field
        std::string year, name, pin, again;  // problems of the other rows
        bool ok = true;
    };

    Checked check(const Model& m) const {
        const auto& fields = domain::Entity<domain::School>::fields();
        Checked c;
        c.problems.resize(fields.size());
        for (std::size_t i = 0; i < fields.size(); ++i) {
            // Codes and the address are figures and Latin letters: full-width ones are read as such.
            const bool latin = fields[i].key != "name";
            auto v = from_input(fields[i].type, latin ? domain::to_halfwidth(school[i]) : school[i]);
            if (!v || !fields[i].set(c.school, *v)) c.problems[i] = m.tr("form.required");
        }
        for (const auto& issue : domain::validate(c.school))
            for (std::size_t i = 0; i < fields.size(); ++i)
                if (fields[i].key == issue.field && c.problems[i].empty() && issue.severity == domain::Severity::Error)
                    c.problems[i] = m.text(issue.message);
        const int year_value = std::atoi(year.c_str());
        c.year = year_value >= 2000 && year_value <= 2100 ? "" : m.tr("setup.year_problem");
        c.name = operator_name.empty() ? m.tr("form.required") : "";
        c.pin = pin.size() >= 4 ? "" : m.tr("setup.pin_problem");
        c.again = pin == pin_again ? "" : m.tr("setup.pin_mismatch");
        for (const auto& p : c.problems) c.ok &= p.empty();
        c.ok &= c.year.empty() && c.name.empty() && c.pin.empty() && c.again.empty();
        return c;
    }

    void Draw(const Model& m, Intents& in) override {
        if (school.empty()) restore(m);
        const auto& fields = domain::Entity<domain::School>::fields();
        const Checked shown = check(m);
        const auto& problems = shown.problems;
        for (const auto& p : problems) in.need_glyphs(p);   // the domain's messages, as they appear
        const bool ok = shown.ok;
        const std::string &year_problem = shown.year, &name_problem = shown.name, &pin_problem = shown.pin,
                          &again_problem = shown.again;

        const float width = std::min(ImGui::GetContentRegionAvail().x, 980.0f);
        ImGui::SetCursorPosX((ImGui::GetContentRegionAvail().x - width) * 0.5f + ImGui::GetCursorPosX());
        ImGui::BeginGroup();
        ImGui::PushStyleColor(ImGuiCol_Text, colour::accent);
        ImGui::TextUnformatted(m.tr("setup.welcome"));
        ImGui::PopStyleColor();
        muted_text(m.tr("setup.intro"));
        if (restored) wrapped_colored(colour::amber, m.tr("form.restored"));
        ImGui::Spacing();
        bool submit = false;
        if (ImGui::BeginTable("##setup", 3, ImGuiTableFlags_SizingStretchProp, ImVec2(width, 0))) {
            ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, 170);
            ImGui::TableSetupColumn("input", ImGuiTableColumnFlags_WidthStretch, 1.2f);
            ImGui::TableSetupColumn("message", ImGuiTableColumnFlags_WidthStretch, 1.0f);
            for (std::size_t i = 0; i < fields.size(); ++i) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::AlignTextToFramePadding();
                ImGui::TextUnformatted(std::string(m.label(fields[i])).c_str());
                ImGui::TableNextColumn();
                ImGui::SetNextItemWidth(-1);
                if (focus_first) {
                    ImGui::SetKeyboardFocusHere();
                    focus_first = false;
                }
                ImGui::PushID(static_cast<int>(i));
                auto r = field_input(m, fields[i], school[i], in);
                ImGui::PopID();
                submit |= r.enter;
                if (r.changed) keep_draft(in);
                ImGui::TableNextColumn();
                if (!problems[i].empty()) {
                    ImGui::AlignTextToFramePadding();
                    wrapped_colored(colour::red, problems[i]);
                } else if (const std::string note = field_note(m, fields[i].key, shown.school); !note.empty()) {
                    in.need_glyphs(note);
                    ImGui::AlignTextToFramePadding();
                    muted_text(note.c_str());
                }
            }
            // Year and PIN take digits (full-width ones converted); anything else is refused, with a word.
            auto row = [&](const char* label, std::string& buf, const std::string& problem, ImGuiInputTextFlags extra, bool draft,
                           bool digits) {
                auto r = text_row(m, label, buf, problem, extra, digits);
                submit |= r.enter;
                if (r.changed) {
                    in.need_glyphs(buf);
                    if (draft) keep_draft(in);
                }
            };
            row(m.tr("setup.first_year"), year, year_problem, 0, true, true);
            row(m.tr("setup.operator"), operator_name, name_problem, 0, true, false);
            row(m.tr("setup.pin"), pin, pin_problem, ImGuiInputTextFlags_Password, false, true);
            row(m.tr("setup.pin_again"), pin_again, again_problem,
                ImGuiInputTextFlags_Password, false, true);
            ImGui::EndTable();
        }
        ImGui::Spacing();
        ImGui::BeginDisabled(!ok || pending != 0);
        submit |= ImGui::Button(m.tr("setup.start"), ImVec2(200, 0));
        ImGui::EndDisabled();
        if (pending) {
            ImGui::SameLine();
            muted_text(m.tr("form.saving"));
        }
        ImGui::EndGroup();
        if (pending && m.tickets_done >= pending) {
            if (!m.failed_tickets.contains(pending)) in.clear_draft("form:setup");
            pending = 0;
        }
        if (submit && !pending) {
            // Judge what is in the fields now: this frame's last keystrokes came after check().
            if (const Checked typed = check(m); typed.ok)
                pending = in.first_run(typed.school, std::atoi(year.c_str()), operator_name, pin);
        }
    }
};

}  // namespace

std::unique_ptr<Screen> make_setup_screen() { return std::make_unique<SetupScreen>(); }

}  // namespace jh::ui

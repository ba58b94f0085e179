// What the screens draw: the UI thread's copy of the school's state. Screens read it through
// const references; only replies from the worker (worker.hpp) and the app loop change it, so
// a frame always sees one consistent snapshot.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

#include "domain/school_year.hpp"
#include "ops/file_exchange.hpp"
#include "domain/entities.hpp"
#include "domain/fields.hpp"
#include "domain/message.hpp"
#include "store/store.hpp"
#include "ui/folders.hpp"
#include "ui/i18n.hpp"
#include "ui/overview_data.hpp"
#include "ui/sync_view.hpp"

namespace jh::ui {

struct Status {
    enum class Kind { None, Info, Success, Error };
    Kind kind = Kind::None;
    domain::Message message;
    std::vector<domain::Issue> issues;
};

// The last change, reversible: applied on the worker like any other write.
struct UndoStep {
    domain::Message label;   // the change it reverts: "修改班级" / "classes edited"
    std::function<void(store::Store&)> apply;
};

// The audit entries of one record, loaded on request for the history screen.
struct HistoryView {
    std::string table;
    domain::Id record_id = 0;
    std::vector<store::AuditEntry> entries;
    std::string name;   // what people call the record, from its latest entry (record_names.hpp)
};

// Ticked files read and checked on the worker, waiting for the user's 确定导入: what will be
// imported (kept, so what is confirmed is what was previewed) and what it will do.
struct ImportCheck {
    std::uint64_t id = 0;                                  // a new check reopens the preview
    std::shared_ptr<const exchange::Imported> imported;
    ops::ImportPreview preview;
};

// Why the last import was refused, grouped by file (in the order files were read) with every
// problem of each; rejections that are not about one file (validation of the data as a whole)
// form a group of their own with an empty file name.
struct ImportProblems {
    struct Group {
        std::string file;
        domain::Message heading;                 // empty for a file's group: the file names it
        std::vector<domain::Message> lines;
    };
    std::vector<Group> groups;
    std::size_t count() const;
    static ImportProblems from(const domain::Rejected& rejection);
};

// What a fresh read of the database gives (worker side), applied to the model in one go.
struct Snapshot {
    std::optional<domain::School> school;
    std::vector<domain::SchoolYear> years;
    int year = 0;
    std::shared_ptr<const domain::SchoolData> data;
    std::shared_ptr<const OverviewData> overview;
    std::shared_ptr<const ops::TerminalPacks> packs;   // the rule packs offered, and the selected one
    std::vector<domain::Operator> operators;
    // For the pending/synced marks: the audit log's tip, and each year record's last entry's seq
    // by table (Store::last_change_seq), read with the records so no frame asks the store.
    std::int64_t audit_seq = 0;
    std::map<std::string, std::map<domain::Id, std::int64_t>> change_seq;
    double took_ms = 0;   // reading the year and computing its indicators
};

struct Model {
    explicit Model(Language language) : catalogue(Catalogue::load(language)) {}

    Catalogue catalogue;
    std::filesystem::path db_path;
    std::optional<domain::School> school;          // empty until first-run setup is done
    std::vector<domain::SchoolYear> years;
    int year = 0;                                  // the school year shown
    std::shared_ptr<const domain::SchoolData> data = std::make_shared<domain::SchoolData>();
    std::shared_ptr<const OverviewData> overview;  // indicators of `data` under the pack in force
    std::shared_ptr<const ops::TerminalPacks> packs;   // see Snapshot (none before the first one)
    std::uint64_t data_version = 0;                // bumps whenever `data` is replaced
    std::vector<domain::Operator> operators;
    std::string operator_name;
    bool locked = false;
    std::map<std::string, std::string> drafts;     // unsaved form contents, as stored
    std::string open_form;   // test hook JUNHENG_FORM: the table whose new-record form opens at start
    std::map<std::string, std::string> settings;
    Status status;
    std::optional<UndoStep> undo;
    std::optional<HistoryView> history;
    std::optional<FolderView> folder;              // the import/export screen's folder, listed on the worker
    std::optional<ImportCheck> import_check;       // the import waiting for confirmation
    std::optional<ImportProblems> import_problems; // why the last import was refused
    // The sync screen's USB panel (sync by file): its folder, listed on the worker, and the last
    // file written or applied (ok, and what it said).
    std::optional<FolderView> usb_folder;
    std::optional<std::pair<bool, domain::Message>> usb_result;
    // Write tickets: a form that asked for a save waits for its ticket to be done.
    std::uint64_t tickets_done = 0;
    std::set<std::uint64_t> failed_tickets;
    bool worker_busy = false;
    // The sync worker's last state, copied each frame (none: no sync worker runs, e.g. in tests).
    std::optional<SyncSnapshot> sync;
    std::int64_t audit_seq = 0;                                               // see Snapshot
    std::map<std::string, std::map<domain::Id, std::int64_t>> change_seq;     // see Snapshot
    double refresh_ms = 0;   // the last snapshot's read + indicators (a benchmark figure)

    const char* tr(std::string_view key) const { return catalogue(key); }
    bool english() const { return catalogue.language() == Language::En; }
    // A school year as the interface language writes it ("2025—2026" / "2025–2026").
    std::string school_year_span(int year) const {
        return english() ? domain::school_year_span_en(year) : domain::school_year_span_zh(year);
    }
    std::string_view label(const domain::EnumLabel& l) const { return catalogue.label(l); }
    // A field's label in the interface language. A training's person is picked by name from the
    // roster, so it is labelled as the teacher, not by the id the record stores.
    template <class R> std::string_view label(const domain::Field<R>& f) const {
        if constexpr (std::is_same_v<R, domain::Training>)
            if (f.key == "person_id") return tr("field.training_person");
        return english() ? f.en : f.zh;
    }
    const std::string& text(const domain::Message& m) const { return english() ? m.en : m.zh; }
    std::string setting(const std::string& key, const std::string& fallback) const;
    const domain::SchoolYear* current_year() const;
    bool read_only() const;   // the shown year is submitted
    // A record of `table` whose last change is not acknowledged by the receiver yet.
    bool record_pending(const std::string& table, domain::Id id) const;
    // How many records (deleted ones included) have such a change.
    std::size_t pending_records() const;

    void apply(Snapshot snapshot);
    // Locking ends the session of whoever was at the terminal: their last change can no longer
    // be undone by the next person, and earlier messages are not theirs to read.
    void lock();
    // A change of operator also ends what the previous one could undo.
    void set_operator(std::string name);
    // A saved change becomes the one Ctrl+Z reverts, unless the terminal was locked meanwhile.
    void offer_undo(UndoStep step);
    void report_error(domain::Message message, std::vector<domain::Issue> issues);
    void report(Status::Kind kind, domain::Message message);
};

// Every fixed text the interface can show, in both languages: the catalogues, the record kinds'
// names, their field labels, every choice's label, the rule packs to choose from, and every
// character the screens and the indicator engine write literally ("→", cmake/literals.cmake).
std::string interface_text();

// Every text the model can put on screen (names in the data, the engine's words, drafts). With
// interface_text(), what the font atlas must cover.
std::string model_text(const Model& m);

}  // namespace jh::ui

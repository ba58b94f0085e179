// Import benchmark: 10,000 equipment rows from a CSV template through `junheng import` into a
// fresh database, against the sqlite3 shell's `.import` of the same file into a bare table —
// the floor for getting those rows into SQLite at all. Prints both and their ratio; the target
// is ≤ 0.5 s with every row audited (each row's audit entry is the sync feed and the bureau's
// proof, so the ratio to a bare `.import` that writes no log is printed, not targeted). Exits 1
// when a run fails or the target is missed.
#include <stdlib.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "domain/entities.hpp"
#include "exchange/encoding.hpp"
#include "exchange/templates.hpp"

namespace fs = std::filesystem;
using namespace jh::domain;

namespace {

constexpr int kRows = 10'000;
constexpr int kRuns = 3;
constexpr double kMaxSeconds = 0.5;
constexpr int kYear = 2025;

// A school profile and kRows plausible equipment rows with varied names, values and dates.
SchoolData ledger() {
    SchoolData d;
    d.school = {1, "3601020001", "青山镇中心学校", "360102", SchoolType::NineYear, Location::Rural, Ownership::Public, true,
                std::nullopt, std::nullopt};
    d.year.year = kYear;
    for (int i = 1; i <= kRows; ++i) {
        Equipment e;
        e.id = i;
        e.year = kYear;
        e.name = "教学仪器 " + std::to_string(i) + " 号（" + (i % 3 ? "物理" : "化学") + "）";
        e.category = i % 4 ? EquipmentCategory::Instrument : EquipmentCategory::Other;
        e.quantity = 1 + i % 40;
        e.unit_value = 10 + (i % 997) * 3.5;
        e.book_value = e.unit_value * e.quantity;
        e.acquired = {2005 + i % 19, 1 + i % 12, 1 + i % 28};
        if (i % 10 == 0) e.disposed = Date{2024, 6, 30};
        if (i % 5) e.stage = i % 2 ? Stage::Primary : Stage::Junior;
        d.equipment.push_back(e);
    }
    return d;
}

std::string quoted(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// Seconds the shell command took; fails the benchmark when it does not succeed.
double timed(const std::string& command) {
    auto start = std::chrono::steady_clock::now();
    int raw = std::system(command.c_str());
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!WIFEXITED(raw) || WEXITSTATUS(raw) != 0) throw std::runtime_error("failed: " + command);
    return seconds;
}

std::string output_of(const std::string& command) {
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) throw std::runtime_error("failed: " + command);
    char buf[256];
    while (std::fgets(buf, sizeof buf, pipe)) out += buf;
    pclose(pipe);
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return out;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

struct TempDir {
    fs::path path;
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "junheng-bench-XXXXXX").string();
        if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
        path = pattern;
    }
    ~TempDir() { fs::remove_all(path); }
};

void write(const fs::path& path, const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; }

}  // namespace

int main() try {
    TempDir dir;
    const auto data = ledger();
    for (const auto& f : jh::exchange::write_templates(data))
        if (f.name == "学校基本信息.csv" || f.name == "教学仪器设备.csv")
            write(dir.path / f.name, jh::exchange::encode_text(f.text, jh::exchange::Encoding::Utf8));
    const auto profile = dir.path / "学校基本信息.csv", rows = dir.path / "教学仪器设备.csv";

    // The bare table has one untyped column per CSV column, as `.import` would create it: the
    // fields and the template's 学校标识码.
    std::string columns;
    for (std::size_t i = 1; i <= jh::domain::Entity<Equipment>::fields().size() + 1; ++i)
        columns += (i > 1 ? ", c" : "c") + std::to_string(i);

    std::vector<double> junheng_runs, sqlite_runs;
    for (int run = 0; run < kRuns; ++run) {
        const auto db = dir.path / ("junheng-" + std::to_string(run) + ".db");
        junheng_runs.push_back(timed(quoted(JUNHENG_BINARY) + " --db " + quoted(db.string()) + " import " + quoted(profile.string()) +
                                     " " + quoted(rows.string()) + " >/dev/null"));
        const auto stored = output_of("sqlite3 " + quoted(db.string()) + " 'SELECT count(*) FROM equipment'");
        if (stored != std::to_string(kRows)) throw std::runtime_error("junheng stored " + stored + " rows, expected " + std::to_string(kRows));

        const auto bare = dir.path / ("sqlite3-" + std::to_string(run) + ".db");
        timed("sqlite3 " + quoted(bare.string()) + " 'CREATE TABLE equipment(" + columns + ")'");
        sqlite_runs.push_back(timed("sqlite3 " + quoted(bare.string()) + " '.import --csv --skip 1 " + rows.string() + " equipment'"));
        const auto bare_rows = output_of("sqlite3 " + quoted(bare.string()) + " 'SELECT count(*) FROM equipment'");
        if (bare_rows != std::to_string(kRows)) throw std::runtime_error("sqlite3 .import stored " + bare_rows + " rows");
    }

    const double ours = median(junheng_runs), floor = median(sqlite_runs), ratio = ours / floor;
    std::printf("rows:                 %d equipment rows (%.0f KiB CSV), median of %d runs\n", kRows,
                static_cast<double>(fs::file_size(rows)) / 1024, kRuns);
    std::printf("junheng import:       %.3f s   (runs:", ours);
    for (double s : junheng_runs) std::printf(" %.3f", s);
    std::printf(")\nsqlite3 .import:      %.3f s   (runs:", floor);
    for (double s : sqlite_runs) std::printf(" %.3f", s);
    const auto audited = output_of("sqlite3 " + quoted((dir.path / "junheng-0.db").string()) +
                                   " \"SELECT count(*) FROM audit WHERE table_name = 'equipment'\"");
    std::printf(")\naudit entries:        %s equipment entries in the first run's log\n", audited.c_str());
    if (audited != std::to_string(kRows)) throw std::runtime_error("expected every row audited, found " + audited);
    std::printf("ratio:                %.2fx   (printed, not a target: .import writes no audit log)\n", ratio);
    const bool met = ours <= kMaxSeconds;
    std::printf("target (<= %.1f s with every row audited): %s\n", kMaxSeconds, met ? "met" : "MISSED");
    return met ? 0 : 1;
} catch (const std::exception& e) {
    std::fprintf(stderr, "import_bench: %s\n", e.what());
    return 1;
}

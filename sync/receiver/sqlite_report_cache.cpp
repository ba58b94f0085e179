// SqliteReceiverStore: the county report's cache (schema/0008_report_cache.sql; what a row
// holds and when it serves: report_cache.hpp). Rows are written in one transaction.
#include "sync/receiver/sqlite_store.hpp"

namespace jh::sync::receiver {

std::vector<ReportCacheRow> SqliteReceiverStore::report_cache(int year, const std::string& pack_key) {
    Lease db(*this);
    Stmt s(*db, "SELECT school, version, sha256, county, parts FROM report_cache WHERE year = ? AND pack_key = ? ORDER BY school, version");
    s.bind(1, year).bind(2, pack_key);
    std::vector<ReportCacheRow> out;
    while (s.step()) out.push_back({s.text(0), year, static_cast<int>(s.integer(1)), pack_key, s.text(2), s.text(3), s.text(4)});
    return out;
}

void SqliteReceiverStore::put_report_cache(const std::vector<ReportCacheRow>& rows) {
    if (rows.empty()) return;
    Lease db(*this);
    WriteTx tx(*db);
    for (const auto& r : rows)
        Stmt(*db, "INSERT OR REPLACE INTO report_cache(school, year, version, pack_key, sha256, county, parts) VALUES (?, ?, ?, ?, ?, ?, ?)")
            .bind(1, r.school)
            .bind(2, r.year)
            .bind(3, r.version)
            .bind(4, r.pack_key)
            .bind(5, r.sha256)
            .bind(6, r.county)
            .bind(7, r.parts)
            .run();
    tx.commit();
}

std::vector<ReportCacheRow> SqliteReceiverStore::report_counties(int year) {
    Lease db(*this);
    Stmt s(*db, "SELECT DISTINCT school, version, sha256, county FROM report_cache WHERE year = ? ORDER BY school, version");
    s.bind(1, year);
    std::vector<ReportCacheRow> out;
    while (s.step()) out.push_back({s.text(0), year, static_cast<int>(s.integer(1)), "", s.text(2), s.text(3), ""});
    return out;
}

}  // namespace jh::sync::receiver

// PostgresReceiverStore: the county report's cache (schema_pg/0008_report_cache.sql), the same
// semantics as sqlite_report_cache.cpp. Rows are written in one transaction; two processes
// filling the same row at once both write the same figures, the later one stays.
#include "sync/receiver/postgres_store.hpp"

namespace jh::sync::receiver {

std::vector<ReportCacheRow> PostgresReceiverStore::report_cache(int year, const std::string& pack_key) {
    Lease c(*this);
    auto s = c->run("SELECT school, version, sha256, county, parts FROM report_cache WHERE year = $1 AND pack_key = $2 ORDER BY school, version",
                    year, pack_key);
    std::vector<ReportCacheRow> out;
    out.reserve(static_cast<std::size_t>(s.rows()));
    for (int i = 0; i < s.rows(); ++i)
        out.push_back({s.text(i, 0), year, static_cast<int>(s.integer(i, 1)), pack_key, s.text(i, 2), s.text(i, 3), s.text(i, 4)});
    return out;
}

void PostgresReceiverStore::put_report_cache(const std::vector<ReportCacheRow>& rows) {
    if (rows.empty()) return;
    write([&](pg::Conn& c) {
        for (const auto& r : rows)
            c.run("INSERT INTO report_cache(school, year, version, pack_key, sha256, county, parts) VALUES ($1, $2, $3, $4, $5, $6, $7) "
                  "ON CONFLICT (school, year, version, pack_key) DO UPDATE SET sha256 = excluded.sha256, county = excluded.county, "
                  "parts = excluded.parts",
                  r.school, r.year, r.version, r.pack_key, r.sha256, r.county, r.parts);
    });
}

std::vector<ReportCacheRow> PostgresReceiverStore::report_counties(int year) {
    Lease c(*this);
    auto s = c->run("SELECT DISTINCT school, version, sha256, county FROM report_cache WHERE year = $1 ORDER BY school, version", year);
    std::vector<ReportCacheRow> out;
    out.reserve(static_cast<std::size_t>(s.rows()));
    for (int i = 0; i < s.rows(); ++i) out.push_back({s.text(i, 0), year, static_cast<int>(s.integer(i, 1)), "", s.text(i, 2), s.text(i, 3), ""});
    return out;
}

}  // namespace jh::sync::receiver

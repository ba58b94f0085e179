// The simulated school terminals the sync benchmarks share (sync_bench, province_load): a
// terminal's audit chain built as its store writes it (each entry hashed onto the one before),
// its requests signed as the real client signs them (transport::signed_request), the school's
// first full sync and its edits as batches, and latency percentiles. No terminal database: a
// benchmark of thousands of schools builds each school's requests from its data directly.
#pragma once
#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "domain/audit_entry.hpp"
#include "domain/fields.hpp"
#include "domain/record_json.hpp"
#include "sync/protocol/messages.hpp"
#include "sync/protocol/protocol.hpp"
#include "sync/transport/signed_exchange.hpp"

namespace jh::bench {

// The entry at rank p (0 … 1) of the sorted values; 0 for none.
inline double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

// A POST of `json` as school `school`'s terminal sends it (zlib body, Ed25519 signature).
inline sync::protocol::HttpRequest signed_post(const std::string& target, const std::string& school, const std::string& json,
                                               const std::string& secret) {
    return sync::transport::signed_request("POST", target, sync::protocol::kHeaderSchool, school, json, secret);
}

// One terminal's audit chain on one stream: entries appended as the terminal's store appends
// them, handed out as batches.
class SimulatedChain {
public:
    SimulatedChain(std::string school, std::string stream) : school_(std::move(school)), stream_(std::move(stream)) {}

    // Appends one entry (`before` "" for an insert).
    void add(const std::string& table, std::int64_t id, const std::string& action, const std::string& before, const std::string& after) {
        domain::AuditEntry e{tip_.seq + 1, "2026-12-01T10:00:00Z", "管理员", table, id, action, before, after, tip_.hash, {}};
        e.hash = domain::audit_hash(e);
        tip_ = {e.seq, e.hash};
        pending_.push_back({sync::protocol::to_wire(e, kSchemaVersion), tip_});
    }
    // Every record of a school year as inserts: what its first full sync sends.
    void add_school_year(const domain::SchoolData& data) {
        add("school", data.school.id, "insert", "", domain::record_json_text(data.school, data.school.id));
        add("school_year", data.year.id, "insert", "", domain::record_json_text(data.year, data.year.id));
        domain::for_each_year_entity([&](auto tag) {
            using R = decltype(tag);
            for (const auto& r : domain::records_of<R>(data))
                add(std::string(domain::Entity<R>::table), r.id, "insert", "", domain::record_json_text(r, r.id));
        });
    }
    // The entries appended since the last call, as signed batch requests of at most `limit`
    // entries each (the client's kMaxEntriesPerBatch).
    std::vector<sync::protocol::HttpRequest> take_batches(const std::string& secret,
                                                          std::size_t limit = sync::protocol::kMaxEntriesPerBatch) {
        std::vector<sync::protocol::HttpRequest> out;
        for (std::size_t from = 0; from < pending_.size(); from += limit) {
            sync::protocol::Batch b{school_, stream_, sent_, {}, {}};
            const std::size_t to = std::min(pending_.size(), from + limit);
            for (std::size_t i = from; i < to; ++i) b.entries.push_back(pending_[i].first);
            b.tip = pending_[to - 1].second;
            sent_ = b.tip;
            out.push_back(signed_post(std::string(sync::protocol::kPathBatch), school_, sync::protocol::encode(b), secret));
        }
        pending_.clear();
        return out;
    }
    const sync::protocol::Link& tip() const { return tip_; }

    static constexpr int kSchemaVersion = 4;   // the terminal schema the entries are written in

private:
    std::string school_, stream_;
    sync::protocol::Link tip_{0, domain::audit_genesis_hash()}, sent_{0, domain::audit_genesis_hash()};
    std::vector<std::pair<sync::protocol::WireEntry, sync::protocol::Link>> pending_;   // with the link each ends at
};

}  // namespace jh::bench

// The client's pure decision step, sync::client::plan: every reply the protocol can give, at
// every state the client can be in, without a network or a store.
#include <doctest/doctest.h>

#include "domain/audit_entry.hpp"
#include "sync/client/client.hpp"

using namespace jh::sync;
using client::Action;
using client::ClientState;
using client::Reply;
using protocol::Link;

namespace {

const Link kGenesis{0, jh::domain::audit_genesis_hash()};
Link link(std::int64_t seq) { return {seq, std::string(64, static_cast<char>('a' + seq % 6))}; }

ClientState state(std::optional<Link> acked, Link local_tip) {
    ClientState s;
    s.stream = std::string(32, 'a');
    s.acked = acked;
    s.local_tip = local_tip;
    return s;
}

Reply reply(Reply::Kind kind, Link l = {}, std::string problem = {}) { return Reply{kind, l, std::move(problem), "why"}; }

}  // namespace

TEST_CASE("plan: at the start, the tip is asked only when no acknowledged link is held") {
    CHECK(client::plan(state(std::nullopt, link(5)), std::nullopt).kind == Action::Kind::QueryTip);
    CHECK(client::plan(state(link(5), link(5)), std::nullopt).kind == Action::Kind::Done);
    const auto send = client::plan(state(link(3), link(5)), std::nullopt);
    CHECK(send.kind == Action::Kind::SendBatch);
    CHECK(send.from == link(3));
    CHECK(client::plan(state(kGenesis, link(2)), std::nullopt).from == kGenesis);
    // An ack beyond the local tip (cannot come from this log): ask what the receiver holds.
    CHECK(client::plan(state(link(9), link(5)), std::nullopt).kind == Action::Kind::QueryTip);
    // An empty log that the receiver holds entirely.
    CHECK(client::plan(state(kGenesis, kGenesis), std::nullopt).kind == Action::Kind::Done);
}

TEST_CASE("plan: an ack, a tip or a gap the local chain holds is continued from") {
    for (auto kind : {Reply::Kind::Acked, Reply::Kind::Tip, Reply::Kind::Gap}) {
        INFO(static_cast<int>(kind));
        auto s = state(link(2), link(7));
        s.local_at_reply = link(4);
        const auto next = client::plan(s, reply(kind, link(4)));
        CHECK(next.kind == Action::Kind::SendBatch);
        CHECK(next.from == link(4));
        s.local_at_reply = link(7);
        CHECK(client::plan(s, reply(kind, link(7))).kind == Action::Kind::Done);
    }
    // The receiver holds nothing of the stream: everything from seq 0.
    auto s = state(std::nullopt, link(3));
    s.local_at_reply = kGenesis;
    CHECK(client::plan(s, reply(Reply::Kind::Tip, kGenesis)).from == kGenesis);
}

TEST_CASE("plan: a receiver chain the local log does not hold starts a new stream, once per run") {
    auto s = state(std::nullopt, link(3));
    s.local_at_reply = std::nullopt;                     // the receiver is ahead of the local log
    CHECK(client::plan(s, reply(Reply::Kind::Tip, link(9))).kind == Action::Kind::NewStream);
    s.local_at_reply = Link{3, std::string(64, 'f')};    // same seq, other hash
    CHECK(client::plan(s, reply(Reply::Kind::Gap, link(3))).kind == Action::Kind::NewStream);
    CHECK(client::plan(s, reply(Reply::Kind::Fork, {}, "fork")).kind == Action::Kind::NewStream);
    s.new_streams_this_run = 1;
    const auto stop = client::plan(s, reply(Reply::Kind::Fork, {}, "fork"));
    CHECK(stop.kind == Action::Kind::Fatal);
    CHECK(stop.problem == "fork");
    CHECK(client::plan(s, reply(Reply::Kind::Tip, link(3))).kind == Action::Kind::Fatal);
}

TEST_CASE("plan: unreachable and busy retry later, a refusal is fatal and names its problem") {
    const auto s = state(link(2), link(7));
    auto retry = client::plan(s, reply(Reply::Kind::Unreachable));
    CHECK(retry.kind == Action::Kind::Retry);
    CHECK(retry.problem == "unreachable");
    CHECK(client::plan(s, reply(Reply::Kind::Busy, {}, "busy")).kind == Action::Kind::Retry);
    for (const char* problem : {"revoked", "version", "credential", "wrong_school", "malformed"}) {
        const auto stop = client::plan(s, reply(Reply::Kind::Refused, {}, problem));
        CHECK(stop.kind == Action::Kind::Fatal);
        CHECK(stop.problem == problem);
    }
}

// The client's decision step (client.hpp `plan`): pure, so every protocol case — start, ack, tip,
// gap, fork, busy, unreachable, refusal — is tested without a network or a store.
#include "sync/client/client.hpp"

namespace jh::sync::client {
namespace {

Action act(Action::Kind kind) { return Action{kind, {}, {}, {}}; }

Action fatal(std::string problem, std::string message) {
    return Action{Action::Kind::Fatal, {}, std::move(problem), std::move(message)};
}

// A fork or a chain the receiver holds that this terminal does not is resolved once per run by a
// new stream (its whole log from seq 0, decision 3); a second one in the same run means something
// is wrong that a new stream does not fix.
Action new_stream_or_stop(const ClientState& state, const std::string& why) {
    if (state.new_streams_this_run > 0)
        return fatal(std::string(protocol::problem::kFork),
                     why + " again after starting a new stream; sync stopped (ask the bureau to check this school's streams)");
    return act(Action::Kind::NewStream);
}

// The receiver holds `link` on our stream: continue from it when our log has it, else the
// receiver's copy is not ours (a restored or re-created database sharing a stream): new stream.
Action continue_from(const ClientState& state, const protocol::Link& link) {
    if (!state.local_at_reply || *state.local_at_reply != link)
        return new_stream_or_stop(state, "the receiver holds a chain at seq " + std::to_string(link.seq) +
                                             " that this database does not have");
    if (link.seq >= state.local_tip.seq) return act(Action::Kind::Done);
    return Action{Action::Kind::SendBatch, link, {}, {}};
}

}  // namespace

Action plan(const ClientState& state, const std::optional<Reply>& reply) {
    if (!reply) {
        if (!state.acked) return act(Action::Kind::QueryTip);
        if (*state.acked == state.local_tip) return act(Action::Kind::Done);
        if (state.acked->seq < state.local_tip.seq) return Action{Action::Kind::SendBatch, *state.acked, {}, {}};
        return act(Action::Kind::QueryTip);   // an ack beyond the local tip: ask what the receiver holds
    }
    switch (reply->kind) {
    case Reply::Kind::Unreachable: return Action{Action::Kind::Retry, {}, "unreachable", reply->message};
    case Reply::Kind::Busy: return Action{Action::Kind::Retry, {}, std::string(protocol::problem::kBusy), reply->message};
    case Reply::Kind::Acked:
    case Reply::Kind::Tip:
    case Reply::Kind::Gap: return continue_from(state, reply->link);
    case Reply::Kind::Fork: return new_stream_or_stop(state, "the receiver answered fork (" + reply->message + ")");
    case Reply::Kind::Refused: return fatal(reply->problem, reply->message);
    }
    return fatal("malformed", "unknown reply kind");
}

}  // namespace jh::sync::client

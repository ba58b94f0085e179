// The signed requests the terminal sends, made in one place for the network (client.cpp) and
// the USB upload file (files.cpp), which carries them byte for byte.
#pragma once
#include <string>

#include "sync/protocol/http.hpp"
#include "sync/protocol/messages.hpp"

namespace jh::store { class Store; }

namespace jh::sync::client {

// A request signed by the school's key over protocol::request_signed_text; a JSON body is
// compressed and sent as kRequestMediaType.
protocol::HttpRequest make_request(std::string method, std::string target, const std::string& school,
                                   const std::string& json, const std::string& secret_key);

// POST /v1/batch continuing `from` with the entries after it: at most kMaxEntriesPerBatch,
// fewer when the compressed body would pass the request limit (records of up to 64 KiB each).
// `tip` receives the link the batch ends at (`from` when nothing follows it).
protocol::HttpRequest batch_request(store::Store& store, const std::string& school, const std::string& stream,
                                    const protocol::Link& from, const std::string& secret_key, protocol::Link& tip);

}  // namespace jh::sync::client

// The real transport: libcurl. Kept out of transport.hpp so only this layer sees libcurl.
#pragma once
#include <cstddef>
#include <memory>
#include <string>

#include "sync/transport/transport.hpp"

namespace jh::sync::transport {

// libcurl: HTTPS verifies certificates (system store), proxies from the environment are honoured
// (http_proxy/https_proxy/no_proxy), connect and total timeouts bound every request, and replies
// are read up to a size cap.
struct CurlOptions {
    long connect_timeout_seconds = 10;
    long total_timeout_seconds = 60;
    std::size_t max_reply_bytes = 1u << 20;
    // A PEM file of the certificate authorities to trust instead of the system's (a county's own
    // CA, or a test's self-signed certificate); "" = the system store.
    std::string ca_file;
};
std::unique_ptr<Transport> make_curl_transport(CurlOptions options = {});

}  // namespace jh::sync::transport

// `junheng-bureau demo [--schools N]`: a demo county in the store, so the report can be tried at
// once. Each school is made by the terminal's demo generator (domain::demo_county: village
// primaries, teaching points, junior, nine-year and large town schools), kept in its own
// terminal database beside the store ("<store>.demo/<code>.db"), and goes through the real
// protocol: registered with a one-time code, enrolled, synced and submitted by the terminal's
// sync client over HTTP (libcurl) to this receiver, served on a loopback port for the demo's
// duration. A school its
// own terminal will not submit (the store refuses the year) stays synced but unsubmitted, and
// the report lists it under completeness.
#pragma once
#include <filesystem>
#include <iosfwd>
#include <string>

#include "sync/receiver/store.hpp"

namespace jh::sync::bureau {

struct DemoCounty {
    int schools = 0, submitted = 0;
    std::filesystem::path terminals;   // the folder of the demo schools' terminal databases
};

// The demo serves on host:port (port 0: a free port for the demo's duration only). The terminals
// keep that address as their bureau's, so a demo made on the address `serve` takes afterwards
// (make bureau) leaves terminals that sync with it again.
// Throws std::invalid_argument when a school of the demo is already registered in the store,
// std::runtime_error when the address cannot be bound.
DemoCounty make_demo_county(receiver::ReceiverStore& store, const std::filesystem::path& store_path, int schools,
                            int year, std::ostream& progress, const std::string& host = "127.0.0.1", int port = 0);

}  // namespace jh::sync::bureau

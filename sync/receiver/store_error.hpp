// The one error type every receiver store throws (SQLite and PostgreSQL alike): the receiver
// answers 503 busy to it (receiver.cpp), so a client retries later; busy() tells a transient
// failure (a lock waited out, a server restarting) from a lasting one (a newer schema).
#pragma once
#include <stdexcept>
#include <string>

namespace jh::sync::receiver {

class StoreError : public std::runtime_error {
public:
    StoreError(const std::string& what, bool busy) : std::runtime_error(what), busy_(busy) {}
    bool busy() const { return busy_; }

private:
    bool busy_;
};

}  // namespace jh::sync::receiver

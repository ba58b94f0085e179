// A message for people, in both languages the product speaks: Chinese for the UI, English
// for logs and the command line. Every rejection carries one.
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/entities.hpp"
#include "domain/words.hpp"

namespace jh::domain {

enum class Severity { Error, Warning };

// One finding of validation: which record and field, and what is wrong.
struct Issue {
    Severity severity = Severity::Error;
    std::string entity;              // Entity<R>::table, e.g. "staff"
    Id record_id = 0;                // 0 when the record is not stored yet
    std::string field;               // field key, empty for whole-record findings
    Message message;
};

// Thrown when input or data is rejected; nothing was written. `what()` is the English text.
// `detail` is technical text for logs and support (SQLite's own words), never for the UI.
class Rejected : public std::runtime_error {
public:
    explicit Rejected(Message m, std::vector<Issue> issues = {}, std::string detail = {})
        : std::runtime_error(m.en), message_(std::move(m)), issues_(std::move(issues)), detail_(std::move(detail)) {}
    const Message& message() const { return message_; }
    const std::vector<Issue>& issues() const { return issues_; }
    const std::string& detail() const { return detail_; }

private:
    Message message_;
    std::vector<Issue> issues_;
    std::string detail_;
};

}  // namespace jh::domain

#include "cli/command.hpp"

namespace jh::cli {

bool Args::flag(std::string_view name) {
    for (std::size_t i = 0; i < raw_.size(); ++i)
        if (!used_.count(i) && raw_[i] == name) {
            used_.insert(i);
            return true;
        }
    return false;
}

std::optional<std::string> Args::value(std::string_view name) {
    const std::string prefix = std::string(name) + "=";
    for (std::size_t i = 0; i < raw_.size(); ++i) {
        if (used_.count(i)) continue;
        if (raw_[i].rfind(prefix, 0) == 0) {
            used_.insert(i);
            return raw_[i].substr(prefix.size());
        }
        if (raw_[i] == name) {
            if (i + 1 >= raw_.size()) throw UsageError("option " + std::string(name) + " needs a value");
            used_.insert(i);
            used_.insert(i + 1);
            return raw_[i + 1];
        }
    }
    return std::nullopt;
}

std::vector<std::string> Args::positionals() {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < raw_.size(); ++i) {
        if (used_.count(i)) continue;
        if (raw_[i].size() > 1 && raw_[i][0] == '-' && raw_[i] != "-") continue;
        used_.insert(i);
        out.push_back(raw_[i]);
    }
    return out;
}

void Args::finish() const {
    for (std::size_t i = 0; i < raw_.size(); ++i)
        if (!used_.count(i)) throw UsageError("unexpected argument '" + raw_[i] + "'");
}

}  // namespace jh::cli

// Local operators and their PINs (libsodium Argon2id via crypto_pwhash_str: salted, slow to
// guess; the PIN itself is never stored).
#include <sodium.h>

#include <stdexcept>

#include "store/store_impl.hpp"

namespace jh::store {
namespace {

std::string hash_pin(const std::string& pin) {
    if (pin.empty()) return {};
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw std::runtime_error("not enough memory to hash the PIN");
    return out;
}

}  // namespace

Id Store::add_operator(const std::string& name, domain::OperatorRole role, const std::string& pin) {
    for (const auto& existing : operators())
        if (existing.name == name)
            throw domain::Rejected(domain::Message{"操作员“" + name + "”已经存在", "operator '" + name + "' already exists"});
    return insert(domain::Operator{0, name, role, hash_pin(pin), true});
}

bool Store::verify_pin(Id operator_id, const std::string& pin) const {
    auto op = impl_->find<domain::Operator>(operator_id);
    if (!op || !op->active) return false;
    if (op->pin_hash.empty()) return pin.empty();
    return crypto_pwhash_str_verify(op->pin_hash.c_str(), pin.data(), pin.size()) == 0;
}

std::vector<domain::Operator> Store::operators() const { return impl_->select<domain::Operator>(); }

}  // namespace jh::store

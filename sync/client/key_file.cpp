// The terminal's Ed25519 key pair in "<database>.key", beside the database and not inside it, so
// a backup of the database carries no credential. Two lines of base64: public key, secret key.
// Written once, mode 0600, under a temporary name first and linked into place without
// replacing a key another process made meanwhile (that one wins and is used).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "domain/message.hpp"
#include "sync/client/client.hpp"
#include "sync/protocol/crypto.hpp"

namespace jh::sync::client {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void reject_key_file(const fs::path& path, const std::string& why) {
    throw domain::Rejected(domain::Message{"终端密钥文件 " + path.string() + " 无法使用（" + why +
                                               "）。如已损坏，请删除它后重新注册（junheng enroll）。",
                                           "the terminal key file " + path.string() + " cannot be used (" + why +
                                               "); if it is damaged, delete it and enrol again (junheng enroll)"});
}

void write_new(const fs::path& path, const protocol::KeyPair& pair) {
    const fs::path partial = path.string() + ".partial-" + std::to_string(::getpid());
    const int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) reject_key_file(path, "cannot create " + partial.string());
    const std::string text = pair.public_key + "\n" + pair.secret_key + "\n";
    const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!written) {
        fs::remove(partial);
        reject_key_file(path, "cannot write " + partial.string());
    }
    // link() never replaces: when another process made the key first, its key stands.
    const int linked = ::link(partial.c_str(), path.c_str());
    fs::remove(partial);
    if (linked != 0 && errno != EEXIST) reject_key_file(path, "cannot create it");
}

}  // namespace

fs::path key_path(const fs::path& db) { return fs::path(db.string() + ".key"); }

std::optional<protocol::KeyPair> load_key(const fs::path& db) {
    const fs::path path = key_path(db);
    std::error_code ec;
    if (!fs::exists(path, ec)) return std::nullopt;
    if (fs::file_size(path, ec) > 4096) reject_key_file(path, "too large");
    std::ifstream in(path, std::ios::binary);
    protocol::KeyPair pair;
    if (!std::getline(in, pair.public_key) || !std::getline(in, pair.secret_key))
        reject_key_file(path, "it does not hold two lines");
    if (!protocol::is_public_key(pair.public_key) || !protocol::is_secret_key(pair.secret_key))
        reject_key_file(path, "not an Ed25519 key pair");
    // libsodium's secret key ends with its public key: the two lines must be one pair.
    const auto secret = protocol::from_base64(pair.secret_key, 64);
    const auto public_key = protocol::from_base64(pair.public_key, 32);
    if (!secret || !public_key || secret->substr(32) != *public_key)
        reject_key_file(path, "its public and secret keys are not one pair");
    // The secret stays the account's own, whatever the umask made of an older copy.
    ::chmod(path.c_str(), 0600);
    return pair;
}

protocol::KeyPair load_or_create_key(const fs::path& db) {
    if (auto pair = load_key(db)) return *pair;
    write_new(key_path(db), protocol::generate_key_pair());
    if (auto pair = load_key(db)) return *pair;
    reject_key_file(key_path(db), "it vanished after being written");
}

}  // namespace jh::sync::client

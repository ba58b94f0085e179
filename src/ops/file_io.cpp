// File input and atomic output (see file_io.hpp).
#include "ops/file_io.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "domain/message.hpp"

namespace jh::ops {
namespace {

[[noreturn]] void reject_io(const std::string& what_zh, const std::string& what_en, const std::filesystem::path& path,
                            const std::string& reason) {
    throw domain::Rejected({what_zh + " " + path.string() + "：" + reason, what_en + " " + path.string() + ": " + reason});
}

// Writes and flushes to disk, so the rename that follows never exposes a file whose content
// is still only in the page cache.
void write_durably(const std::filesystem::path& path, std::string_view bytes) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) reject_io("无法写入", "cannot write", path, std::strerror(errno));
    std::size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            int err = errno;
            ::close(fd);
            reject_io("无法写入", "cannot write", path, std::strerror(err));
        }
        done += static_cast<std::size_t>(n);
    }
    bool synced = ::fsync(fd) == 0;
    int err = errno;
    if (::close(fd) != 0 || !synced) reject_io("无法写入", "cannot write", path, std::strerror(synced ? errno : err));
}

void sync_to_disk(const std::filesystem::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) reject_io("无法写入", "cannot write", path, std::strerror(errno));
    bool synced = ::fsync(fd) == 0;
    int err = errno;
    if (::close(fd) != 0 || !synced) reject_io("无法写入", "cannot write", path, std::strerror(synced ? errno : err));
}

}  // namespace

std::string read_file(const std::filesystem::path& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) reject_io("无法读取文件", "cannot read file", path, "it is a directory");
    std::ifstream in(path, std::ios::binary);
    if (!in) reject_io("无法读取文件", "cannot read file", path, std::strerror(errno));
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (in.bad()) reject_io("无法读取文件", "cannot read file", path, "read error");
    return std::move(bytes).str();
}

std::string read_file(const std::filesystem::path& path, std::size_t max_bytes) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) reject_io("无法读取文件", "cannot read file", path, "it is a directory");
    std::ifstream in(path, std::ios::binary);
    if (!in) reject_io("无法读取文件", "cannot read file", path, std::strerror(errno));
    std::string bytes;
    char buffer[1 << 16];
    while (in) {
        in.read(buffer, sizeof buffer);
        bytes.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (bytes.size() > max_bytes)
            throw domain::Rejected({"文件 " + path.string() + " 超过 " + std::to_string(max_bytes) + " 字节，不是均衡的文件",
                                    path.string() + " is larger than " + std::to_string(max_bytes) + " bytes: not a Junheng file"});
    }
    if (in.bad()) reject_io("无法读取文件", "cannot read file", path, "read error");
    return bytes;
}

void write_files_atomically(const std::filesystem::path& dir, const std::vector<OutputFile>& files) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) reject_io("无法创建目录", "cannot create directory", dir, ec.message());
    const std::string suffix = ".tmp-" + std::to_string(::getpid());
    std::vector<std::filesystem::path> temporaries;
    try {
        for (const auto& f : files) {
            temporaries.push_back(dir / ("." + f.name + suffix));
            write_durably(temporaries.back(), f.bytes);
        }
        for (std::size_t i = 0; i < files.size(); ++i) {
            std::filesystem::rename(temporaries[i], dir / files[i].name, ec);
            if (ec) reject_io("无法写入", "cannot write", dir / files[i].name, ec.message());
        }
    } catch (...) {
        for (const auto& t : temporaries) std::filesystem::remove(t, ec);
        throw;
    }
}

void produce_file_atomically(const std::filesystem::path& target, const std::function<void(const std::filesystem::path&)>& produce) {
    const auto dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
    const auto temporary = dir / ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()));
    std::error_code ec;
    try {
        produce(temporary);
        sync_to_disk(temporary);
        std::filesystem::rename(temporary, target, ec);
        if (ec) reject_io("无法写入", "cannot write", target, ec.message());
    } catch (...) {
        std::filesystem::remove(temporary, ec);
        throw;
    }
}

void write_file_atomically(const std::filesystem::path& target, const std::function<void(std::ostream&)>& write) {
    produce_file_atomically(target, [&](const std::filesystem::path& temporary) {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) reject_io("无法写入", "cannot write", target, std::strerror(errno));
        write(out);
        out.flush();
        if (!out) reject_io("无法写入", "cannot write", target, "write error");
    });
}

void write_file_atomically(const std::filesystem::path& path, std::string_view bytes) {
    produce_file_atomically(path, [&](const std::filesystem::path& temporary) { write_durably(temporary, bytes); });
}

}  // namespace jh::ops

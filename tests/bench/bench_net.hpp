// Helpers the sync benchmarks share (sync_bench, county_week_bench): a loopback TCP proxy that
// counts the bytes of every connection through it in each direction (HTTP headers included, no
// TLS), and a process's peak resident set (VmHWM).
#pragma once
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace jh::bench {

// A loopback TCP proxy that counts every byte in each direction.
class CountingProxy {
public:
    explicit CountingProxy(int target_port) : target_(target_port) {
        listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        int one = 1;
        setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (::bind(listener_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(listener_, 16) != 0)
            throw std::runtime_error("proxy: cannot listen");
        socklen_t len = sizeof a;
        getsockname(listener_, reinterpret_cast<sockaddr*>(&a), &len);
        port_ = ntohs(a.sin_port);
        thread_ = std::thread([this] { accept_loop(); });
    }
    ~CountingProxy() {
        stop_ = true;
        ::shutdown(listener_, SHUT_RDWR);
        ::close(listener_);
        thread_.join();
        for (auto& t : pipes_) t.join();
    }
    int port() const { return port_; }
    void reset() { up_ = down_ = 0; connections_ = 0; }
    long up() const { return up_; }
    long down() const { return down_; }
    int connections() const { return connections_; }

private:
    void accept_loop() {
        while (!stop_) {
            pollfd p{listener_, POLLIN, 0};
            if (poll(&p, 1, 100) <= 0) continue;
            const int client = ::accept(listener_, nullptr, nullptr);
            if (client < 0) continue;
            const int server = ::socket(AF_INET, SOCK_STREAM, 0);
            sockaddr_in a{};
            a.sin_family = AF_INET;
            a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            a.sin_port = htons(static_cast<uint16_t>(target_));
            if (::connect(server, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
                ::close(client);
                ::close(server);
                continue;
            }
            ++connections_;
            pipes_.emplace_back([this, client, server] { pump(client, server); });
        }
    }
    void pump(int client, int server) {
        char buf[65536];
        pollfd fds[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
        while (!stop_) {
            if (poll(fds, 2, 100) <= 0) continue;
            bool closed = false;
            for (int i = 0; i < 2; ++i) {
                if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
                const auto n = ::read(fds[i].fd, buf, sizeof buf);
                if (n <= 0) {
                    closed = true;
                    break;
                }
                (i == 0 ? up_ : down_) += n;
                for (ssize_t sent = 0; sent < n;) {
                    const auto w = ::write(fds[1 - i].fd, buf + sent, static_cast<std::size_t>(n - sent));
                    if (w <= 0) {
                        closed = true;
                        break;
                    }
                    sent += w;
                }
            }
            if (closed) break;
        }
        ::close(client);
        ::close(server);
    }

    int target_, port_ = 0, listener_ = -1;
    std::atomic<bool> stop_{false};
    std::atomic<long> up_{0}, down_{0};
    std::atomic<int> connections_{0};
    std::thread thread_;
    std::vector<std::thread> pipes_;
};

inline long peak_rss_kib(int pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

}  // namespace jh::bench

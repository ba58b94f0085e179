// Runs the real junheng-bureau binary for tests: one-shot commands (exit status, stdout,
// stderr), and `serve` as a child process whose port is read from its first line and which is
// stopped (SIGTERM, then SIGKILL) when the test ends, even on failure.
#pragma once
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace jh::test {

struct Run {
    int status = -1;
    std::string out, err;
};

inline std::string read_all(int fd) {
    std::string out;
    char buf[4096];
    for (;;) {
        const auto n = ::read(fd, buf, sizeof buf);
        if (n <= 0) break;
        out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
}

// `junheng-bureau ARGS...` with stdout and stderr captured (no shell); standard input is
// `input` (then closed: an empty input reads as end of file) — never the test's terminal.
inline Run bureau_run(const std::vector<std::string>& args, const std::string& input = {}) {
    int out[2], err[2], in[2];
    if (pipe(out) != 0 || pipe(err) != 0 || pipe(in) != 0) throw std::runtime_error("pipe failed");
    // Written before the child exists (small inputs fit in the pipe's buffer): a child that
    // exits without reading cannot leave the test writing into a closed pipe (SIGPIPE).
    if (input.size() > 60000 || (!input.empty() && ::write(in[1], input.data(), input.size()) != static_cast<ssize_t>(input.size())))
        throw std::runtime_error("the test's input does not fit in a pipe");
    close(in[1]);
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        dup2(err[1], 2);
        close(out[0]);
        close(err[0]);
        // No controlling terminal: a password prompt cannot wait for the test's keyboard.
        setsid();
        std::vector<char*> argv{const_cast<char*>(JUNHENG_BUREAU)};
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(JUNHENG_BUREAU, argv.data());
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    close(err[1]);
    Run r;
    // stderr is small; read stdout first, then stderr (both end when the child exits).
    r.out = read_all(out[0]);
    r.err = read_all(err[0]);
    close(out[0]);
    close(err[0]);
    int raw = 0;
    waitpid(pid, &raw, 0);
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    return r;
}

inline std::string last_line(const std::string& text) {
    auto end = text.find_last_not_of('\n');
    if (end == std::string::npos) return {};
    const auto start = text.rfind('\n', end);
    return text.substr(start == std::string::npos ? 0 : start + 1, end - (start == std::string::npos ? 0 : start + 1) + 1);
}

// `junheng-bureau --db DB serve --listen 127.0.0.1:0`, stopped when destroyed.
class ServeProcess {
public:
    // `listen`: HOST:PORT (a fixed port lets a test restart a receiver at the same address).
    explicit ServeProcess(const std::string& db, const std::string& listen = "127.0.0.1:0")
        : ServeProcess(std::vector<std::string>{"--db", db}, listen) {}
    // `store`: the global option naming the store ({"--db", PATH} or {"--store", URI}).
    // `options`: more of serve's options (--tls-cert, --tls-key).
    explicit ServeProcess(const std::vector<std::string>& store, const std::string& listen = "127.0.0.1:0",
                          const std::vector<std::string>& options = {}) {
        std::vector<std::string> words{JUNHENG_BUREAU};
        words.insert(words.end(), store.begin(), store.end());
        for (const char* w : {"serve", "--listen"}) words.emplace_back(w);
        words.push_back(listen);
        words.insert(words.end(), options.begin(), options.end());
        std::vector<char*> argv;
        for (auto& w : words) argv.push_back(w.data());
        argv.push_back(nullptr);
        int out[2];
        if (pipe(out) != 0) throw std::runtime_error("pipe failed");
        pid_ = fork();
        if (pid_ == 0) {
            dup2(out[1], 1);
            close(out[0]);
            execv(JUNHENG_BUREAU, argv.data());
            _exit(127);
        }
        close(out[1]);
        out_ = out[0];
        // The first line names the port: "junheng-bureau: listening on http://127.0.0.1:PORT (store …)".
        std::string line;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
            pollfd p{out_, POLLIN, 0};
            if (poll(&p, 1, 200) > 0) {
                char c[256];
                const auto n = ::read(out_, c, sizeof c);
                if (n <= 0) break;
                line.append(c, static_cast<std::size_t>(n));
            }
        }
        const auto at = line.find("127.0.0.1:");
        if (at == std::string::npos) {
            stop();
            throw std::runtime_error("junheng-bureau serve did not start: " + line);
        }
        port_ = std::atoi(line.c_str() + at + 10);
    }
    ~ServeProcess() { stop(); }
    ServeProcess(const ServeProcess&) = delete;
    ServeProcess& operator=(const ServeProcess&) = delete;

    int port() const { return port_; }
    int pid() const { return static_cast<int>(pid_); }

    // SIGTERM, then SIGKILL after 10 s; returns the exit status (-1 when killed or gone).
    int stop() {
        if (pid_ <= 0) return status_;
        kill(pid_, SIGTERM);
        int raw = 0;
        for (int i = 0; i < 100; ++i) {
            if (waitpid(pid_, &raw, WNOHANG) == pid_) {
                status_ = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
                pid_ = 0;
                close(out_);
                return status_;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        kill(pid_, SIGKILL);
        waitpid(pid_, &raw, 0);
        pid_ = 0;
        close(out_);
        return status_ = -1;
    }

    // SIGKILL: no chance to finish anything (a crash).
    void kill9() {
        if (pid_ <= 0) return;
        kill(pid_, SIGKILL);
        int raw = 0;
        waitpid(pid_, &raw, 0);
        pid_ = 0;
        close(out_);
    }

private:
    pid_t pid_ = 0;
    int out_ = -1;
    int port_ = 0;
    int status_ = -1;
};

}  // namespace jh::test

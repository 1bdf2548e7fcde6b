// SPDX-License-Identifier: Apache-2.0
// recvmsg of a UDP datagram carrying 4 control messages (timestamp, pktinfo,
// ttl, tos) on 127.0.0.1: esock's socket::recvmsg, which decodes the msghdr
// into a term, against a bare recvmsg() that leaves the bytes as they are,
// in the same run. Only the receive is timed: each round first queues a
// batch of datagrams with a plain sendto(), then receives the batch. Reports
// ns per receive (median of the runs) and the esock/raw ratio, in wall time
// and in this thread's CPU time (which a loaded machine disturbs less).
//
//   build/bench/msg_bench [datagrams per run]

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <vector>

#include <esock/socket.hpp>
#include <esock/term_text.hpp>

namespace {

using clock_type = std::chrono::steady_clock;

double thread_cpu_ns() {
    timespec ts{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}
namespace so = esock::socket;

constexpr int batch = 64;  // well under the default receive buffer

// A plain UDP socket on 127.0.0.1, closed on destruction.
class raw_udp {
  public:
    raw_udp() : fd_(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) {
        if (fd_ < 0) fail("socket");
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) fail("bind");
    }
    ~raw_udp() { ::close(fd_); }
    raw_udp(const raw_udp&) = delete;
    raw_udp& operator=(const raw_udp&) = delete;
    [[nodiscard]] int fd() const { return fd_; }
    static void fail(const char* what) {
        std::perror(what);
        std::exit(1);
    }

  private:
    int fd_;
};

void set_int(int fd, int level, int opt, int v) {
    if (::setsockopt(fd, level, opt, &v, sizeof v) != 0) raw_udp::fail("setsockopt");
}

void send_batch(int from, const sockaddr_in& to) {
    for (int i = 0; i < batch; ++i) {
        if (::sendto(from, "datagram", 8, 0, reinterpret_cast<const sockaddr*>(&to), sizeof to) !=
            8) {
            raw_udp::fail("sendto");
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    const long total = argc > 1 ? std::strtol(argv[1], nullptr, 10) : 200000;
    const int rounds = static_cast<int>(std::max<long>(total / batch, 1));

    raw_udp sender;
    set_int(sender.fd(), IPPROTO_IP, IP_TOS, 0x10);
    set_int(sender.fd(), IPPROTO_IP, IP_TTL, 33);

    // The bare receiver.
    raw_udp bare;
    for (int opt : {IP_RECVTOS, IP_RECVTTL, IP_PKTINFO})
        set_int(bare.fd(), IPPROTO_IP, opt, 1);
    set_int(bare.fd(), SOL_SOCKET, SO_TIMESTAMP, 1);
    sockaddr_in bare_addr{};
    socklen_t len = sizeof bare_addr;
    ::getsockname(bare.fd(), reinterpret_cast<sockaddr*>(&bare_addr), &len);

    // The esock receiver, with the same options.
    const esock::term opened = so::open(esock::atoms::inet, esock::atoms::dgram);
    if (!opened.element(0)->is_atom(esock::atoms::ok)) {
        std::fprintf(stderr, "open: %s\n", esock::format_w(opened).c_str());
        return 1;
    }
    const esock::term s = *opened.element(1);
    (void)so::bind(s, esock::lit("#{family => inet, addr => loopback, port => 0}"));
    for (const char* opt : {"{ip,recvtos}", "{ip,recvttl}", "{ip,pktinfo}", "{socket,timestamp}"}) {
        if (so::setopt(s, esock::lit(opt), esock::atoms::true_) != esock::term(esock::atoms::ok)) {
            std::fprintf(stderr, "setopt %s failed\n", opt);
            return 1;
        }
    }
    const esock::term sa = *so::sockname(s).element(1);
    sockaddr_in esock_addr{};
    esock_addr.sin_family = AF_INET;
    esock_addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    esock_addr.sin_port =
        htons(static_cast<std::uint16_t>(*sa.map_get(esock::atom("port"))->as_int()));

    // Check once that the datagram carries the 4 messages.
    send_batch(sender.fd(), esock_addr);
    const esock::term first = so::recvmsg(s, 0, 0, esock::nil(), 1000);
    const esock::term* ctrl = first.element(1)->map_get(esock::atom("ctrl"));
    if (ctrl == nullptr || ctrl->list_length().value_or(0) != 4) {
        std::fprintf(stderr, "expected 4 cmsgs, got %s\n", esock::format_w(first).c_str());
        return 1;
    }
    for (int i = 1; i < batch; ++i)
        (void)so::recvmsg(s, 0, 0, esock::nil(), 1000);

    std::vector<double> esock_runs;
    std::vector<double> raw_runs;
    std::vector<double> esock_cpu;
    std::vector<double> raw_cpu;
    std::size_t checksum = 0;
    for (int run = 0; run < 7; ++run) {
        // esock
        double ns = 0;
        double cpu = 0;
        for (int r = 0; r < rounds; ++r) {
            send_batch(sender.fd(), esock_addr);
            const double c0 = thread_cpu_ns();
            const auto t0 = clock_type::now();
            for (int i = 0; i < batch; ++i) {
                const esock::term m = so::recvmsg(s, 0, 0, esock::nil(), esock::atoms::infinity);
                checksum += m.element(1)->map_size();
            }
            ns += std::chrono::duration<double, std::nano>(clock_type::now() - t0).count();
            cpu += thread_cpu_ns() - c0;
        }
        esock_runs.push_back(ns / (static_cast<double>(rounds) * batch));
        esock_cpu.push_back(cpu / (static_cast<double>(rounds) * batch));
        // bare recvmsg into buffers of esock's default sizes
        ns = 0;
        cpu = 0;
        std::vector<char> data(8192);
        alignas(cmsghdr) std::array<char, 1024> control{};
        for (int r = 0; r < rounds; ++r) {
            send_batch(sender.fd(), bare_addr);
            const double c0 = thread_cpu_ns();
            const auto t0 = clock_type::now();
            for (int i = 0; i < batch; ++i) {
                sockaddr_storage from{};
                iovec v{data.data(), data.size()};
                msghdr m{};
                m.msg_name = &from;
                m.msg_namelen = sizeof from;
                m.msg_iov = &v;
                m.msg_iovlen = 1;
                m.msg_control = control.data();
                m.msg_controllen = control.size();
                checksum +=
                    static_cast<std::size_t>(::recvmsg(bare.fd(), &m, 0)) + m.msg_controllen;
            }
            ns += std::chrono::duration<double, std::nano>(clock_type::now() - t0).count();
            cpu += thread_cpu_ns() - c0;
        }
        raw_runs.push_back(ns / (static_cast<double>(rounds) * batch));
        raw_cpu.push_back(cpu / (static_cast<double>(rounds) * batch));
    }
    auto median = [](std::vector<double>& v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    const double e = median(esock_runs);
    const double b = median(raw_runs);
    const double ec = median(esock_cpu);
    const double bc = median(raw_cpu);
    std::printf("recvmsg, UDP 8 bytes + 4 cmsgs, %d per run, median of %zu runs\n", rounds * batch,
                esock_runs.size());
    std::printf("  %-34s %9s %9s\n", "", "wall ns", "cpu ns");
    std::printf("  %-34s %9.0f %9.0f\n", "bare recvmsg() (baseline)", b, bc);
    std::printf("  %-34s %9.0f %9.0f\n", "esock socket::recvmsg (decoded)", e, ec);
    std::printf("  %-34s %9.2f %9.2f\n", "ratio esock/raw", e / b, ec / bc);
    std::printf("  (checksum %zu)\n", checksum);
    (void)so::close(s);
    return 0;
}

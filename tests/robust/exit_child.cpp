// A program whose main returns while four spawned processes are busy with
// esock: opening, using and closing sockets, interning new atoms, parsing
// and printing terms, reading the option and protocol tables. The exit
// handlers then run while those threads still call into the library; any
// table they use that is destroyed by then is a use after free (or a hang
// on a destroyed lock). Run by exit_test.cpp; argv[1] is the run's number,
// which varies how long main lets the processes run.

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include <esock/process.hpp>
#include <esock/socket.hpp>
#include <esock/supports.hpp>
#include <esock/term.hpp>
#include <esock/term_text.hpp>

namespace {

using esock::term;
namespace so = esock::socket;
namespace at = esock::atoms;

std::atomic<int> started{0};

void churn(int id) {
    started.fetch_add(1);
    const term addr = esock::lit("#{family => inet, addr => loopback, port => 0}");
    for (std::uint64_t i = 0;; ++i) {
        const term r = so::open(at::inet, i % 2 == 0 ? at::dgram : at::stream);
        if (r.is_tuple(2) && r.element(0)->is_atom(at::ok)) {
            const term s = *r.element(1);
            (void)so::bind(s, addr);
            (void)so::getopt(s, esock::lit("{socket, type}"));
            (void)so::setopt(s, esock::lit("{socket, reuseaddr}"), at::true_);
            (void)so::sockname(s);
            (void)so::info(s);
            (void)so::close(s);
        }
        // New atoms take the atom table's write lock.
        (void)esock::atom("exit_child_" + std::to_string(id) + "_" + std::to_string(i));
        (void)esock::format_p(esock::lit("{\"text\", <<\"bin\">>, [1.5, 'quoted atom']}"));
        if (i % 16 == 0) (void)esock::socket::supports(esock::atom("protocols"));
    }
}

}  // namespace

int main(int argc, char** argv) {
    const int run = argc > 1 ? std::atoi(argv[1]) : 0;
    for (int id = 0; id < 4; ++id)
        (void)esock::spawn([id] { churn(id); });
    // Until all four are inside the library, then a little longer (0..9 ms,
    // by the run's number), so that exits meet them at different points.
    while (started.load() < 4)
        std::this_thread::yield();
    std::this_thread::sleep_for(std::chrono::milliseconds(run % 10));
    return 0;
}

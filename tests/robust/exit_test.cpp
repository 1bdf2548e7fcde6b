// 200 exits of a program whose spawned processes are busy in esock
// (exit_child.cpp): each must exit with status 0 and write nothing to
// stderr (where a sanitizer reports), within a bounded time. Every global
// table must outlive the threads that may still use it at exit.
#define BOOST_TEST_MODULE robust_exit
#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <climits>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

extern char** environ;

namespace {

// The child program, built next to this test (tests/robust/).
std::string child_path() {
    char self[PATH_MAX] = {};
    const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
    BOOST_TEST_REQUIRE(n > 0);
    std::string dir(self, static_cast<std::size_t>(n));
    dir.resize(dir.rfind('/'));
    return dir + "/robust/robust_exit_child";
}

struct outcome {
    bool exited = false;
    int status = -1;
    int signal = 0;
    bool hung = false;
    std::string err;
};

// Runs the child once with its stderr in `err_file`; kills it after
// `limit_ms` (a hang on a destroyed lock).
outcome run_child(const std::string& path, int run, const std::string& err_file, int limit_ms) {
    outcome o;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    const std::string arg = std::to_string(run);
    char* argv[] = {const_cast<char*>(path.c_str()), const_cast<char*>(arg.c_str()), nullptr};
    pid_t pid = -1;
    const int e = posix_spawn(&pid, path.c_str(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    BOOST_TEST_REQUIRE(e == 0, "posix_spawn " << path << ": " << e);
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(limit_ms);
    int wstatus = 0;
    for (;;) {
        const pid_t w = ::waitpid(pid, &wstatus, WNOHANG);
        if (w == pid) break;
        if (std::chrono::steady_clock::now() > end) {
            o.hung = true;
            ::kill(pid, SIGKILL);
            (void)::waitpid(pid, &wstatus, 0);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    if (WIFEXITED(wstatus)) {
        o.exited = true;
        o.status = WEXITSTATUS(wstatus);
    } else if (WIFSIGNALED(wstatus)) {
        o.signal = WTERMSIG(wstatus);
    }
    std::ifstream in(err_file);
    std::stringstream text;
    text << in.rdbuf();
    o.err = text.str();
    return o;
}

}  // namespace

BOOST_AUTO_TEST_CASE(two_hundred_exits_with_busy_processes) {
    const std::string path = child_path();
    BOOST_TEST_REQUIRE(::access(path.c_str(), X_OK) == 0, path << " is not built");
    const std::string err_file = "/tmp/esock_exit_test_" + std::to_string(::getpid()) + ".stderr";
    int failures = 0;
    for (int run = 0; run < 200 && failures < 5; ++run) {
        // Generous: a sanitizer build starts slowly on a busy machine.
        const outcome o = run_child(path, run, err_file, 60000);
        const bool ok = o.exited && o.status == 0 && o.err.empty() && !o.hung;
        if (!ok) {
            ++failures;
            BOOST_TEST(ok, "run " << run << ": " << (o.hung ? "hung, killed" : "")
                                  << (o.exited ? "exit status " + std::to_string(o.status)
                                               : "signal " + std::to_string(o.signal))
                                  << "; stderr: " << o.err.substr(0, 2000));
        }
    }
    BOOST_TEST(failures == 0);
    ::unlink(err_file.c_str());
}

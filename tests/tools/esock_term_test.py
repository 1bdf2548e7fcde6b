# SPDX-License-Identifier: Apache-2.0
"""The `esock term` and `esock info` commands' stable interface: output,
formats, errors.

Usage: esock_term_test.py PATH_TO_ESOCK
"""

import os
import shutil
import subprocess
import sys
import unittest

ESOCK = None


def run(*args):
    return subprocess.run([ESOCK, *args], capture_output=True, timeout=30)


class EsockTerm(unittest.TestCase):
    def test_prints_w_by_default_with_one_newline(self):
        r = run("term", '{ok, "ab", <<"cd">>, 1.0e10}')
        self.assertEqual(r.returncode, 0)
        self.assertEqual(r.stdout, b"{ok,[97,98],<<99,100>>,1.0e10}\n")
        self.assertEqual(r.stderr, b"")

    def test_format_p_is_the_one_line_pretty_form(self):
        r = run("term", "--format=p", '{ok, "ab", <<"cd">>}')
        self.assertEqual(r.returncode, 0)
        self.assertEqual(r.stdout, b'{ok,"ab",<<"cd">>}\n')

    def test_line_length_lays_p_out_over_lines(self):
        # What OTP 25 prints for io:format("~20p~n", [Term]).
        r = run("term", "--format=p", "--line-length=20",
                "{tag, [alpha, beta, gamma], #{k => v}}")
        self.assertEqual(r.returncode, 0)
        self.assertEqual(r.stdout, b"{tag,[alpha,beta,\n"
                                   b"      gamma],\n"
                                   b"     #{k => v}}\n")
        r = run("term", "--format=p", "--line-length=0", "[aaaa, bbbb, cccc]")
        self.assertEqual(r.stdout, b"[aaaa,bbbb,cccc]\n")

    def test_line_length_errors(self):
        for bad in ("--line-length=-1", "--line-length=x", "--line-length=",
                    "--line-length=99999999999"):
            r = run("term", "--format=p", bad, "a")
            self.assertEqual(r.returncode, 2, bad)
            self.assertIn(b"line length", r.stderr)
        r = run("term", "--line-length=80", "a")
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"--format=p", r.stderr)

    def test_format_w_explicit_and_trailing_dot(self):
        r = run("term", "--format=w", "[a|b].")
        self.assertEqual(r.returncode, 0)
        self.assertEqual(r.stdout, b"[a|b]\n")

    def test_output_is_utf8(self):
        r = run("term", "--format=p", "{'\u00e9t\u00e9', \"\u00e9\", 'A\u00e9'}")
        self.assertEqual(r.returncode, 0)
        self.assertEqual(r.stdout, "{\u00e9t\u00e9,\"\u00e9\",'A\u00e9'}\n".encode("utf-8"))

    def test_parse_error_goes_to_stderr_with_line_and_column(self):
        r = run("term", "{a,\n  B}")
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stdout, b"")
        self.assertIn(b"2:3:", r.stderr)
        self.assertIn(b"variables", r.stderr)

    def test_usage_errors(self):
        self.assertEqual(run().returncode, 2)
        self.assertEqual(run("term").returncode, 2)
        self.assertEqual(run("term", "--format=x", "a").returncode, 2)
        self.assertEqual(run("nosuchcommand").returncode, 2)


# What OTP 25 prints for io:format("~p~n", [socket:info()]) in a fresh VM,
# with the iov_max of the recording host (sysconf(_SC_IOV_MAX)) left open.
OTP_FRESH_INFO = (
    "#{counters =>\n"
    "      #{num_cnt_bits => 64,num_dinet => 0,num_dinet6 => 0,num_dlocal => 0,\n"
    "        num_pip => 0,num_psctp => 0,num_ptcp => 0,num_pudp => 0,\n"
    "        num_sockets => 0,num_tdgrams => 0,num_tseqpkgs => 0,num_tstreams => 0},\n"
    "  debug => false,iov_max => {iov_max},iow => false,socket_debug => false,\n"
    "  use_registry => true}\n")


class EsockInfo(unittest.TestCase):
    def test_prints_a_fresh_processs_info_as_otp_25(self):
        r = run("info")
        self.assertEqual(r.returncode, 0)
        self.assertEqual(r.stderr, b"")
        want = OTP_FRESH_INFO.replace("{iov_max}", str(os.sysconf("SC_IOV_MAX")))
        self.assertEqual(r.stdout.decode(), want)

    @unittest.skipUnless(shutil.which("erl"), "skipped: Erlang/OTP is not installed")
    def test_prints_what_this_hosts_otp_prints(self):
        otp = subprocess.run(
            ["erl", "-noshell", "-eval",
             'io:format("~p~n", [socket:info()]), halt().'],
            capture_output=True, timeout=60)
        self.assertEqual(run("info").stdout, otp.stdout)

    def test_takes_no_arguments(self):
        r = run("info", "x")
        self.assertEqual(r.returncode, 2)


if __name__ == "__main__":
    ESOCK = sys.argv.pop(1)
    unittest.main(verbosity=1)

# SPDX-License-Identifier: Apache-2.0
"""esock as a library: installed, then used the ways a user's build uses it.

Each way first installs this build into its own directory under the build
tree (`meson install --destdir`), then:

  pkgconfig        g++ app.cpp $(pkg-config --cflags --libs esock), after
                   checking that every file of runtime/include/esock is
                   installed
  meson            a Meson project with dependency('esock')
  subproject       a Meson superproject with esock as a subproject (no
                   tests, benchmarks or CLI, no Boost or yaml-cpp; its
                   install holds the program and the shared library only)
  cmake            a CMake project with find_package(esock)
  cmake_pkgconfig  a CMake project with pkg_check_modules(... esock)
  symbols          the installed library exports only the esock:: API
  cli              the installed esock command runs from that prefix
                   without LD_LIBRARY_PATH

and runs the program it built (tests/install/consumer/app.cpp), which must
print "consumer ok". A way whose tool is missing (cmake) is skipped (exit
status 77) and says why.

In a sanitizer build every way is skipped: its library needs the
sanitizer's runtime in each program that links it.

Run: python3 consumers_test.py WAY BUILD_ROOT SOURCE_ROOT [B_SANITIZE]
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

SKIP = 77
HERE = Path(__file__).resolve().parent


def run(cmd, env=None, cwd=None):
    """Runs cmd; prints its output and stops the test when it fails."""
    print("$ " + " ".join(str(c) for c in cmd), flush=True)
    done = subprocess.run([str(c) for c in cmd], env=env, cwd=cwd, capture_output=True,
                          text=True, check=False, timeout=1200)
    if done.returncode != 0:
        print(done.stdout + done.stderr)
        sys.exit(f"failed with status {done.returncode}")
    return done.stdout


def install(build: Path, work: Path) -> Path:
    """Installs the build under work/destdir; returns the installed prefix."""
    dest = work / "destdir"
    run(["meson", "install", "-C", build, "--no-rebuild", "--quiet", "--destdir", dest])
    pcs = sorted(dest.rglob("pkgconfig/esock.pc"))
    if len(pcs) != 1:
        sys.exit(f"expected one esock.pc under {dest}, found {pcs}")
    # PREFIX/LIBDIR/pkgconfig/esock.pc: the prefix is the nearest directory
    # above that holds include/esock.
    for prefix in pcs[0].parents:
        if (prefix / "include" / "esock").is_dir():
            return prefix
        if prefix == dest:
            break
    sys.exit(f"no include/esock above {pcs[0]}")


def env_for(prefix: Path) -> dict:
    env = dict(os.environ)
    pcdir = next(prefix.rglob("pkgconfig/esock.pc")).parent
    env["PKG_CONFIG_PATH"] = str(pcdir)
    env["LD_LIBRARY_PATH"] = str(pcdir.parent)
    return env


def check_app(exe: Path, env: dict) -> None:
    out = run([exe], env=env)
    print(out, end="")
    if "consumer ok" not in out:
        sys.exit("the consumer program did not say ok")


def way_pkgconfig(work, prefix, source):
    # Every public header, and every file they include, is installed.
    public = sorted(p.name for p in (source / "runtime" / "include" / "esock").iterdir())
    installed = sorted(p.name for p in (prefix / "include" / "esock").iterdir())
    if public != installed:
        sys.exit(f"installed headers {installed} differ from runtime/include/esock {public}")
    env = env_for(prefix)
    flags = run(["pkg-config", "--cflags", "--libs", "esock"], env=env).split()
    print("pkg-config --cflags --libs esock: " + " ".join(flags))
    if "-std=c++20" not in flags:
        sys.exit("the pkg-config file does not ask for C++20")
    exe = work / "app"
    run(["g++", HERE / "consumer" / "app.cpp", "-o", exe] + flags, env=env)
    check_app(exe, env)


def way_meson(work, prefix):
    env = env_for(prefix)
    build = work / "build"
    run(["meson", "setup", build, HERE / "consumer"], env=env)
    run(["ninja", "-C", build], env=env)
    check_app(build / "app", env)


def way_subproject(work, source):
    src = work / "src"
    (src / "subprojects").mkdir(parents=True)
    shutil.copy(HERE / "superproject" / "meson.build", src / "meson.build")
    shutil.copy(HERE / "consumer" / "app.cpp", src / "app.cpp")
    (src / "subprojects" / "esock").symlink_to(source, target_is_directory=True)
    build = work / "build"
    env = dict(os.environ)
    # Unoptimised: the point is what gets built and installed, not speed.
    run(["meson", "setup", build, src, "-Dbuildtype=plain", "--wrap-mode=nodownload"], env=env)
    run(["ninja", "-C", build], env=env)
    built = {p.name for p in (build / "subprojects" / "esock").rglob("*") if p.is_file()
             and os.access(p, os.X_OK) and p.suffix not in (".so", ".py")
             and ".so." not in p.name}
    if built:
        sys.exit(f"the subproject built programs nobody asked for: {sorted(built)}")
    dest = work / "destdir"
    run(["meson", "install", "-C", build, "--no-rebuild", "--quiet", "--destdir", dest])
    installed = sorted(str(p.relative_to(dest)) for p in dest.rglob("*") if not p.is_dir())
    print("installed: " + ", ".join(installed))
    unexpected = [p for p in installed if not (p.endswith("/bin/app") or "/libesock.so" in p)]
    if unexpected or not any(p.endswith("/bin/app") for p in installed):
        sys.exit(f"the superproject's install holds more than app and libesock: {unexpected}")
    env["LD_LIBRARY_PATH"] = str(build / "subprojects" / "esock" / "runtime")
    check_app(build / "app", env)


def cmake_way(work, prefix, project):
    if shutil.which("cmake") is None:
        print("skipped: cmake is not installed (tools/deps.sh installs it)")
        sys.exit(SKIP)
    env = env_for(prefix)
    build = work / "build"
    run(["cmake", "-S", HERE / project, "-B", build, "-G", "Ninja",
         f"-DCMAKE_PREFIX_PATH={prefix}"], env=env)
    run(["cmake", "--build", build], env=env)
    check_app(build / "app", env)


def way_symbols(work, prefix):
    libs = sorted(p for p in prefix.rglob("libesock.so.*") if not p.is_symlink())
    if len(libs) != 1:
        sys.exit(f"expected one libesock.so.N.N.N, found {libs}")
    soname = run(["readelf", "-d", libs[0]])
    print("".join(line + "\n" for line in soname.splitlines() if "SONAME" in line), end="")
    if "[libesock.so.0]" not in soname:
        sys.exit("the soname is not libesock.so.0")
    names = run(["nm", "-D", "--defined-only", "-C", libs[0]]).splitlines()
    symbols = [line.split(" ", 2)[2] for line in names if line.count(" ") >= 2]
    print(f"{len(symbols)} exported symbols")
    bad = [s for s in symbols
           if not (s.startswith("esock::") or " for esock::" in s)
           or "::detail::" in s or "esock::codec::" in s or "::core::" in s]
    if bad:
        sys.exit("exported symbols outside the public API:\n" + "\n".join(bad[:40]))


def way_cli(work, prefix):
    exe = next(prefix.rglob("bin/esock"))
    env = dict(os.environ)
    env.pop("LD_LIBRARY_PATH", None)
    out = run([exe, "--version"], env=env)
    print(out, end="")
    if not out.startswith("esock "):
        sys.exit("esock --version printed something else")


def main() -> int:
    way, build, source = sys.argv[1], Path(sys.argv[2]).resolve(), Path(sys.argv[3]).resolve()
    sanitize = sys.argv[4] if len(sys.argv) > 4 else "none"
    if sanitize != "none":
        print(f"skipped: a {sanitize} sanitizer build's library needs that runtime in its users")
        return SKIP
    work = build / "tests" / "install" / way
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    if way == "subproject":
        way_subproject(work, source)
        return 0
    prefix = install(build, work)
    if way in ("cmake", "cmake_pkgconfig"):
        cmake_way(work, prefix, "consumer" if way == "cmake" else "cmake_pkgconfig")
    elif way == "pkgconfig":
        way_pkgconfig(work, prefix, source)
    else:
        globals()["way_" + way](work, prefix)
    return 0


if __name__ == "__main__":
    sys.exit(main())

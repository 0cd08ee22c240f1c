#!/usr/bin/env python3
"""The machine's double-precision peak, as an optimized library reaches it and as the hardware promises it.

* Measured: OpenBLAS dgemm through NumPy, n x n times n x n for n = 1024 and 2048, best of several products, with
  the kernel OpenBLAS picks for this CPU and, where the CPU has AVX-512 or AVX2, with OPENBLAS_CORETYPE naming each
  matching kernel (SkylakeX for AVX-512; Zen on AMD and Haswell for AVX2), each on OpenBLAS's default threads and on
  1 thread. OpenBLAS reads OPENBLAS_CORETYPE and its thread count when it loads, so every configuration runs in a
  process of its own; each reports the kernel OpenBLAS says it uses (openblas_get_corename).
* Nominal: cores x clock x double-precision flops per cycle and core (two FMA pipes of the widest vectors the CPU
  has, counted from its flags and family as below), with where each number came from.

Usage: peak.py DIR    (writes DIR/peak-<interpreter>.json; prints a line per configuration)
run-peers.sh runs it with every Python that has NumPy (each may bring another OpenBLAS); the report keeps the best.
Without NumPy it writes nothing and says so; the report then has no measured peak.
"""
import json
import os
import re
import subprocess
import sys
import time

SIZES = (1024, 2048)
REPEATS = {1024: 7, 2048: 3}


def cpu():
    """Flags, vendor, family, model name and clock from /proc/cpuinfo and lscpu."""
    info = {"flags": set(), "vendor": "", "family": None, "model_name": "", "mhz": []}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                key, _, value = line.partition(":")
                key, value = key.strip(), value.strip()
                if key == "flags" and not info["flags"]:
                    info["flags"] = set(value.split())
                elif key == "vendor_id":
                    info["vendor"] = value
                elif key == "cpu family" and info["family"] is None:
                    info["family"] = int(value)
                elif key == "model name":
                    info["model_name"] = value
                elif key == "cpu MHz":
                    info["mhz"].append(float(value))
    except OSError:
        pass
    info["max_mhz"] = None
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        m = re.search(r"^CPU max MHz:\s*([0-9.]+)", out, re.M)
        if m:
            info["max_mhz"] = float(m.group(1))
    except OSError:
        pass
    return info


def kernels(info):
    """The OPENBLAS_CORETYPE values that match the CPU's vector instructions, widest first."""
    names = []
    if "avx512f" in info["flags"]:
        names.append("SkylakeX")
    if "avx2" in info["flags"] and "fma" in info["flags"]:
        if info["vendor"] == "AuthenticAMD":
            names.append("Zen")
        names.append("Haswell")
    return names


def nominal(info):
    """Cores x clock x flops per cycle, with the sources."""
    cores = os.cpu_count() or 1
    if info["max_mhz"]:
        mhz, clock_source = info["max_mhz"], "lscpu 'CPU max MHz'"
    elif info["mhz"]:
        mhz, clock_source = max(info["mhz"]), "/proc/cpuinfo 'cpu MHz' (the clock the hypervisor reports; the CPU" \
                                               " may boost above it)"
    else:
        return None
    flags = info["flags"]
    amd = info["vendor"] == "AuthenticAMD"
    family = info["family"]
    if "avx512f" in flags and amd and family is not None and family < 26:
        per_cycle, why = 16, "AVX-512 on Zen 4 runs on two 256-bit FMA pipes: 2 x 4 doubles x 2 flops"
    elif "avx512f" in flags:
        per_cycle, why = 32, ("two 512-bit FMA pipes (Zen 5, family 26, or a server Skylake-X and later): 2 x 8"
                              " doubles x 2 flops")
    elif "avx2" in flags and "fma" in flags:
        per_cycle, why = 16, "two 256-bit FMA pipes: 2 x 4 doubles x 2 flops"
    else:
        per_cycle, why = 4, "SSE2 without FMA: 2 doubles x 2 operations"
    return {"cores": cores, "mhz": mhz, "flopsPerCycle": per_cycle,
            "gflops": cores * mhz * 1e-3 * per_cycle,
            "sources": {"cores": "os.cpu_count()", "clock": clock_source,
                        "flopsPerCycle": why + " (from the CPU's flags and family in /proc/cpuinfo)"}}


def corename(np):
    """The kernel the loaded OpenBLAS uses, or None when it cannot be asked."""
    import ctypes
    try:
        with open("/proc/self/maps") as f:
            libs = sorted(set(re.findall(r"(/\S*openblas\S*\.so\S*)", f.read())))
    except OSError:
        return None
    for lib in libs:
        handle = ctypes.CDLL(lib)
        for symbol in ("openblas_get_corename", "scipy_openblas_get_corename64_", "openblas_get_corename64_"):
            function = getattr(handle, symbol, None)
            if function is not None:
                function.restype = ctypes.c_char_p
                return function().decode()
    return None


def worker(n):
    import numpy as np
    rng = np.random.default_rng(1)
    a = rng.standard_normal((n, n))
    b = rng.standard_normal((n, n))
    c = a @ b
    best = float("inf")
    for _ in range(REPEATS[n]):
        t = time.perf_counter()
        np.matmul(a, b, out=c)
        best = min(best, time.perf_counter() - t)
    print(json.dumps({"n": n, "seconds": best, "gflops": 2.0 * n ** 3 / best / 1e9, "corename": corename(np)}))


def main(directory):
    try:
        import numpy  # noqa: F401
    except ImportError:
        print("peak: NumPy is not installed for %s: no measured peak" % sys.executable)
        return 0
    info = cpu()
    runs = []
    for kernel in [None] + kernels(info):
        for threads in (None, "1"):
            for n in SIZES:
                env = dict(os.environ)
                env.pop("OPENBLAS_CORETYPE", None)
                for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
                    env.pop(var, None)
                if kernel:
                    env["OPENBLAS_CORETYPE"] = kernel
                if threads:
                    env["OPENBLAS_NUM_THREADS"] = threads
                done = subprocess.run([sys.executable, __file__, "--worker", str(n)], env=env, capture_output=True,
                                      text=True, check=False)
                if done.returncode != 0:
                    print("peak: n = %d, OPENBLAS_CORETYPE=%s failed: %s" % (n, kernel, done.stderr.strip()[-300:]))
                    continue
                r = json.loads(done.stdout.strip().splitlines()[-1])
                r["coretype"] = kernel or "default"
                r["threads"] = threads or "default"
                runs.append(r)
                print("dgemm n = %d, OPENBLAS_CORETYPE=%s (kernel %s), threads %s: %.1f GFLOP/s"
                      % (n, r["coretype"], r["corename"], r["threads"], r["gflops"]), flush=True)
    best = max(runs, key=lambda r: r["gflops"]) if runs else None
    promised = nominal(info)
    if promised and best and best["gflops"] > promised["gflops"]:
        # the clock the system reports is below the one the cores run at: the product itself bounds it from below
        promised["impliedMhz"] = best["gflops"] * 1e3 / (promised["cores"] * promised["flopsPerCycle"])
    result = {"runs": runs, "best": best, "nominal": promised, "cpu": info["model_name"],
              "numpy": numpy.__version__, "python": sys.executable}
    name = re.sub(r"[^A-Za-z0-9.]+", "-", os.path.realpath(sys.executable)).strip("-")
    with open(os.path.join(directory, "peak-%s.json" % name), "w") as f:
        json.dump(result, f, indent=1)
    if best:
        print("best dgemm: %.1f GFLOP/s (n = %d, OPENBLAS_CORETYPE=%s, kernel %s, threads %s)"
              % (best["gflops"], best["n"], best["coretype"], best["corename"], best["threads"]))
    if promised:
        print("nominal peak: %.1f GFLOP/s (%d cores x %.0f MHz x %d flops per cycle)%s"
              % (promised["gflops"], promised["cores"], promised["mhz"], promised["flopsPerCycle"],
                 "; the measured dgemm implies at least %.0f MHz" % promised["impliedMhz"]
                 if "impliedMhz" in promised else ""))
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--worker":
        worker(int(sys.argv[2]))
    elif len(sys.argv) == 2:
        sys.exit(main(sys.argv[1]))
    else:
        print(__doc__)
        sys.exit(2)

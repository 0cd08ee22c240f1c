#!/usr/bin/env python3
"""Prints lcn-flow/peer ratios from one run-peers.sh run: the JMH results (DIR/jmh-*.json), the peers
(DIR/peers.json, if the peers ran) and the problems (DIR/problems.json, DIR/machine.txt). Writes the same
tables to DIR/report.md. Standard library only.

The stiff flow of issue 16 (DIR/jmh-stiff.json, DIR/stiff-lcn.json, DIR/stiff-scipy.json) gets its own table,
with a PASS/FAIL against the issue's targets: the best lcn-flow implicit method at least 20x faster (wall) than the
best of SciPy's LSODA, BDF and Radau, with no more gradient evaluations.

Usage: report.py DIR                (everything; writes DIR/report.md)
       report.py DIR --only stiff   (the stiff table alone; writes DIR/report-stiff.md)
"""
import glob
import json
import os
import sys

UNIT_SECONDS = {"s/op": 1.0, "ms/op": 1e-3, "us/op": 1e-6, "ns/op": 1e-9}


STIFF_WALL_TARGET = 20.0


def main():
    stiff_only = len(sys.argv) == 4 and sys.argv[2:] == ["--only", "stiff"]
    if len(sys.argv) != 2 and not stiff_only:
        print(__doc__)
        return 2
    directory = sys.argv[1]
    jmh = []
    for name in sorted(glob.glob(os.path.join(directory, "jmh-*.json"))):
        with open(name) as f:
            jmh.extend(json.load(f))
    if stiff_only:
        out = []

        def emit_stiff(line=""):
            print(line)
            out.append(line)

        machine = os.path.join(directory, "machine.txt")
        if os.path.exists(machine):
            with open(machine) as f:
                for line in f.read().strip().splitlines():
                    emit_stiff("    " + line)
            emit_stiff()
        stiff_table(directory, jmh, emit_stiff)
        with open(os.path.join(directory, "report-stiff.md"), "w") as f:
            f.write("\n".join(out) + "\n")
        return 0
    with open(os.path.join(directory, "problems.json")) as f:
        meta = json.load(f)
    peers = None
    if os.path.exists(os.path.join(directory, "peers.json")):
        with open(os.path.join(directory, "peers.json")) as f:
            peers = json.load(f)
    out = []

    def emit(line=""):
        print(line)
        out.append(line)

    def seconds(benchmark, **params):
        """The fastest result of the benchmark among those with these parameters."""
        best = (None, None)
        for r in jmh:
            if r["benchmark"].endswith(benchmark) and all(r["params"].get(k) == str(v) for k, v in params.items()):
                m = r["primaryMetric"]
                error = m["scoreError"] if isinstance(m["scoreError"], (int, float)) else float("nan")
                score = m["score"] * UNIT_SECONDS[m["scoreUnit"]]
                if best[0] is None or score < best[0]:
                    best = (score, error * UNIT_SECONDS[m["scoreUnit"]])
        return best

    machine = os.path.join(directory, "machine.txt")
    if os.path.exists(machine):
        with open(machine) as f:
            for line in f.read().strip().splitlines():
                emit("    " + line)
        emit()

    fmt = fmt_seconds

    def torch(key):
        if not peers:
            return None, None
        runs = peers["torch_step"]
        issue = runs.get("threads=2", {}).get(key, {}).get("seconds")
        best = min((r[key]["seconds"] for r in runs.values() if key in r), default=None)
        return issue, best

    emit("## Gradient evaluation against one PyTorch float64 gradient-descent step")
    emit()
    emit("| problem | loss | lcn-flow path | lcn-flow gradient | PyTorch step (2 threads) | PyTorch step (fastest config)"
         " | ratio (2 threads) | ratio (fastest) | target |")
    emit("|---|---|---|---|---|---|---|---|---|")
    for problem in ("small", "medium", "large"):
        for loss in ("pseudo-huber", "square"):
            java, _ = seconds("GradientBenchmark.valueAndGradient", problem=problem, loss=loss, path="auto")
            issue, best = torch("%s/%s" % (problem, loss))
            path = "quadratic form" if loss == "square" else "data pass"
            target = {"pseudo-huber": ">= 100x" if problem == "small" else ">= 10x",
                      "square": ">= 1000x" if problem != "small" else "-"}[loss]
            emit("| %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                problem, loss, path, fmt(java), fmt(issue), fmt(best), ratio(issue, java), ratio(best, java), target))
    emit()
    emit("Square loss through the data pass (no setup) and the quadratic form's one-time setup:")
    emit()
    emit("| problem | data pass | ratio to PyTorch (fastest) | quadratic-form setup | setup / PyTorch step (fastest) |")
    emit("|---|---|---|---|---|")
    for problem in ("small", "medium", "large"):
        data_pass, _ = seconds("GradientBenchmark.valueAndGradient", problem=problem, loss="square", path="data-pass")
        setup, _ = seconds("SetupBenchmark.quadraticFormSetup", problem=problem)
        _, best = torch("%s/square" % problem)
        emit("| %s | %s | %s | %s | %s |" % (problem, fmt(data_pass), ratio(best, data_pass), fmt(setup),
                                            "%.2f" % (setup / best) if setup and best else "-"))
    emit()

    emit("## dormand-prince-853 on medium, rtol %g, atol %g, to t = %g, against SciPy solve_ivp(DOP853)"
         % (meta["rtol"], meta["atol"], meta["flowTime"]))
    emit()
    emit("| loss | lcn-flow flow | lcn-flow steps / evaluations | lcn-flow error | SciPy (BLAS default) | SciPy (fastest)"
         " | SciPy evaluations | SciPy error | ratio (fastest) | target |")
    emit("|---|---|---|---|---|---|---|---|---|---|")
    for loss in ("square", "pseudo-huber"):
        java, _ = seconds("FlowBenchmark.flow", problem="medium", loss=loss, integrator="dormand-prince-853")
        dp = meta["problems"]["medium"]["losses"][loss]["dp853"]
        default = best = evals = error = None
        if peers:
            key = "medium/" + loss
            runs = peers["scipy_dop853"]
            default = runs.get("blas=default", {}).get(key, {}).get("seconds")
            candidates = [r[key] for r in runs.values() if key in r]
            if candidates:
                fastest = min(candidates, key=lambda r: r["seconds"])
                best, evals, error = fastest["seconds"], fastest["evaluations"], fastest["relative_error"]
        emit("| %s | %s | %d / %d | %.1e | %s | %s | %s | %s | %s | >= 50x |" % (
            loss, fmt(java), dp["steps"], dp["evaluations"], dp["relativeError"], fmt(default), fmt(best),
            evals if evals else "-", "%.1e" % error if error is not None else "-", ratio(best, java)))
    emit()
    emit("Errors are relative distances of the end point from a reference flow (dormand-prince-853, rtol 1e-13).")
    emit()

    peak = best_peak(directory)
    peak_table(peak, emit)
    emit("## Achieved GFLOP/s of a pass over the data (4 m d_N k_v operations) against the best measured dgemm")
    emit()
    peak1, _ = seconds("PeakBenchmark.matmulOneThread")
    peak2, _ = seconds("PeakBenchmark.matmulTwoThreads")
    ejml, _ = seconds("PeakBenchmark.ejmlOneThread")
    n = 512
    gf = lambda flops, s: flops / s / 1e9 if s else None
    p1, p2, pe = gf(2.0 * n ** 3, peak1), gf(2.0 * n ** 3, peak2), gf(2.0 * n ** 3, ejml)
    emit("For reference, not a peak: a dense %d x %d matrix product in plain Java: %s GFLOP/s on 1 thread, %s on 2"
         " threads (EJML: %s on 1)." % (n, n, num(p1), num(p2), num(pe)))
    blas = peak["best"]["gflops"] if peak and peak.get("best") else None
    emit("The peak: the best measured OpenBLAS dgemm, %s GFLOP/s%s." % (
        num(blas), " (%s)" % describe_run(peak["best"]) if blas else " (not measured: no NumPy)"))
    emit()
    emit("| problem | loss | path | kernels | time | GFLOP/s | of the best dgemm | of plain Java's 2-thread product |")
    emit("|---|---|---|---|---|---|---|---|")
    for problem in ("medium", "large"):
        p = meta["problems"][problem]
        flops = 4.0 * p["m"] * p["dN"] * p["kv"]
        for loss, path, kernels in (("square", "data-pass", "vector"), ("square", "data-pass", "plain"),
                                    ("pseudo-huber", "data-pass", "vector"), ("pseudo-huber", "data-pass", "plain"),
                                    ("square", "generic", None)):
            q = dict(problem=problem, loss=loss, path=path)
            if kernels:
                q["kernels"] = kernels
            s, _ = seconds("GradientBenchmark.valueAndGradient", **q)
            if s is None:
                continue
            g = gf(flops, s)
            emit("| %s | %s | %s | %s | %s | %s | %s | %s |" % (problem, loss, path, kernels or "-", fmt(s), num(g),
                                                               "%.0f%%" % (100 * g / blas) if g and blas else "-",
                                                               "%.0f%%" % (100 * g / p2) if g and p2 else "-"))
    emit()

    batched = [r for r in jmh if r["benchmark"].endswith("BatchedPassBenchmark.valuesAndGradients")]
    if batched:
        emit("## Many flows in one pass (BatchedPassBenchmark: B runs' points on the same data, 1 thread)")
        emit()
        emit("| problem | loss | B | time per pass | per filter | throughput against B = 1 | target (B = 16, medium) |")
        emit("|---|---|---|---|---|---|---|")
        for problem in ("medium", "large"):
            for loss in ("square", "pseudo-huber"):
                one, _ = seconds("BatchedPassBenchmark.valuesAndGradients", problem=problem, loss=loss, batch=1)
                for b in (1, 4, 16, 64):
                    t, _ = seconds("BatchedPassBenchmark.valuesAndGradients", problem=problem, loss=loss, batch=b)
                    if t is None:
                        continue
                    gain = one * b / t if one else None
                    target = "-"
                    if problem == "medium" and b == 16 and gain:
                        target = ">= 5x: %s" % ("PASS" if gain >= 5 else "FAIL")
                    emit("| %s | %s | %d | %s | %s | %s | %s |" % (problem, loss, b, fmt(t), fmt(t / b),
                                                                  "%.2fx" % gain if gain else "-", target))
        emit()

    hessians = [r for r in jmh if r["benchmark"].endswith("HessianBenchmark.valueGradientAndHessian")]
    if hessians:
        emit("## Exact Hessians (HessianBenchmark: value, gradient and Hessian at one point, 1 thread)")
        emit()
        emit("| problem | loss | vector | plain | plain / vector |")
        emit("|---|---|---|---|---|")
        for problem in ("medium", "large"):
            for loss in ("square", "pseudo-huber"):
                v, _ = seconds("HessianBenchmark.valueGradientAndHessian", problem=problem, loss=loss, kernels="vector")
                p, _ = seconds("HessianBenchmark.valueGradientAndHessian", problem=problem, loss=loss, kernels="plain")
                if v is None and p is None:
                    continue
                emit("| %s | %s | %s | %s | %s |" % (problem, loss, fmt(v), fmt(p), ratio(p, v)))
        emit()

    emit("## Cost per gradient against m (medium architecture)")
    emit()
    emit("| loss / path | m = 1e3 | m = 1e4 | m = 1e5 | 1e4 / 1e3 | 1e5 / 1e4 |")
    emit("|---|---|---|---|---|---|")
    for lp in ("pseudo-huber/auto", "square/data-pass", "square/auto"):
        t = [seconds("ScalingBenchmark.valueAndGradient", m=m, lossAndPath=lp)[0] for m in (1000, 10000, 100000)]
        label = lp.replace("/auto", " (quadratic form)" if lp.startswith("square") else " (data pass)")
        emit("| %s | %s | %s | %s | %s | %s |" % (label, fmt(t[0]), fmt(t[1]), fmt(t[2]), ratio(t[1], t[0]),
                                                  ratio(t[2], t[1])))
    emit()

    flows = [r for r in jmh if r["benchmark"].endswith("FlowBenchmark.flow")]
    if flows:
        emit("## Whole flows to t = %g (each integrator)" % meta["flowTime"])
        emit()
        emit("| problem | loss | integrator | time per flow |")
        emit("|---|---|---|---|")
        for r in flows:
            q = r["params"]
            m = r["primaryMetric"]
            emit("| %s | %s | %s | %s |" % (q["problem"], q["loss"], q["integrator"],
                                            fmt(m["score"] * UNIT_SECONDS[m["scoreUnit"]])))
        emit()
    stiff_table(directory, jmh, emit)
    if not peers:
        emit("(The peers did not run: no ratios to PyTorch or SciPy.)")
    with open(os.path.join(directory, "report.md"), "w") as f:
        f.write("\n".join(out) + "\n")
    return 0


def stiff_table(directory, jmh, emit):
    """The stiff flow to |grad L| < 1e-8: each lcn-flow implicit method and each SciPy method, the ratio of the
    best walls and the evaluations, PASS/FAIL against the issue's targets."""
    problem = load_json(os.path.join(directory, "stiff-problem.json"))
    lcn = load_json(os.path.join(directory, "stiff-lcn.json"))
    scipy = load_json(os.path.join(directory, "stiff-scipy.json"))
    if problem is None or lcn is None:
        emit("(No stiff flow: run ExportProblems, which writes stiff-problem.json and stiff-lcn.json.)")
        return
    emit("## Stiff flow to |grad| < %g" % problem["gradientTolerance"])
    emit()
    emit("d0 = %d, widths %s, strides %s, %s loss (delta %g), %s, init %s; rtol = atol = %g, t in (0, %g); every"
         " method given the exact Hessian. L(w0) = %.6g, |grad L(w0)| = %.4g." % (
             problem["d0"], problem["widths"], problem["strides"], problem["loss"], problem["delta"], problem["data"],
             problem["init"], problem["rtol"], problem["tMax"], problem["value"], problem["gradientNorm"]))
    emit()
    emit("| method | wall | reached | t end | steps | gradient evaluations | Hessians | LU factorizations | end |grad L|"
         " | end loss |")
    emit("|---|---|---|---|---|---|---|---|---|---|")
    best_lcn = None
    best_one_thread = None
    thread_counts = sorted({int(x["params"]["threads"]) for x in jmh
                            if x["benchmark"].endswith("StiffBenchmark.flow") and "threads" in x["params"]}) or [None]
    for name, r in lcn.items():
        reached = r["stopReason"] == "GRADIENT_TOLERANCE"
        for threads in thread_counts:
            selector = {"integrator": name} if threads is None else {"integrator": name, "threads": threads}
            wall, error, fastest = jmh_seconds(jmh, "StiffBenchmark.flow", **selector)
            shown = "-" if wall is None else "%s ± %s (fastest iteration %s)" % (
                fmt_seconds(wall), fmt_seconds(error), fmt_seconds(fastest))
            label = name if threads is None else "%s, %d thread%s" % (name, threads, "" if threads == 1 else "s")
            emit("| lcn-flow %s | %s | %s | %.4g | %d | %d | %d | %d | %.3e | %.12g |" % (
                label, shown, "yes" if reached else "no (%s)" % r["stopReason"], r["time"], r["steps"],
                r["evaluations"], r["hessians"] + r["differenceHessians"], r["factorizations"], r["gradientNorm"],
                r["value"]))
            if reached and wall is not None and (best_lcn is None or wall < best_lcn[1]):
                best_lcn = (label, wall, r["evaluations"])
            if reached and wall is not None and threads in (1, None) and (
                    best_one_thread is None or wall < best_one_thread[1]):
                best_one_thread = (label, wall)
    best_scipy = None
    fewest = None
    if scipy is not None and "aborted" not in scipy:
        for name, r in scipy["methods"].items():
            emit("| SciPy %s | %s | %s | %.4g | %d | %d (%d rhs + %d event + %d jac) | %d | %d | %.3e | %.12g |" % (
                name, fmt_seconds(r["seconds"]), "yes" if r["reached"] else "no (status %d)" % r["status"],
                r["t_end"], r["steps"], r["evaluations"], r["rhs_gradients"], r["event_gradients"], r["hessians"],
                r["njev"], r["nlu"], r["gradient_norm"], r["loss"]))
            if r["reached"]:
                if best_scipy is None or r["seconds"] < best_scipy[1]:
                    best_scipy = (name, r["seconds"], r["evaluations"])
                fewest = r["evaluations"] if fewest is None else min(fewest, r["evaluations"])
    emit()
    if scipy is None:
        emit("(SciPy did not run: no stiff-scipy.json.)")
        return
    if "aborted" in scipy:
        emit("(SciPy's stiff flow was aborted: %s; gradient %.1e, Hessian %.1e.)" % (
            scipy["aborted"], scipy["gradient_error"], scipy["hessian_error"]))
        return
    emit("NumPy's gradient and Hessian at w0 agree with lcn-flow's to %.1e and %.1e (max difference / largest"
         " entry). SciPy's walls are the best of %d runs; its evaluations count every gradient its right-hand"
         " side and the terminal event compute (the event's at a point where the right-hand side was just"
         " evaluated comes from a cache, not counted) plus one per Hessian (njev), as lcn-flow counts an exact"
         " Hessian as one evaluation. lcn-flow's walls are JMH's mean over its measured iterations (one fork) with"
         " the 99.9%% error, compared as they are (not the fastest iteration)." % (scipy["gradient_error"], scipy["hessian_error"],
                                          len(next(iter(scipy["methods"].values()))["walls"])))
    emit()
    if best_lcn is None or best_scipy is None:
        emit("Stiff targets: FAIL (%s reached the tolerance)" % (
            "no lcn-flow method with a JMH time" if best_lcn is None else "no SciPy method"))
        return
    wall_ratio = best_scipy[1] / best_lcn[1]
    wall_ok = wall_ratio >= STIFF_WALL_TARGET
    evals_ok = best_lcn[2] <= best_scipy[2]
    emit("| | best lcn-flow (%s) | best SciPy (%s) | ratio / comparison | target | verdict |" % (best_lcn[0],
                                                                                          best_scipy[0]))
    emit("|---|---|---|---|---|---|")
    emit("| wall | %s | %s | %.1fx | >= %gx | %s |" % (fmt_seconds(best_lcn[1]), fmt_seconds(best_scipy[1]),
                                                     wall_ratio, STIFF_WALL_TARGET, "PASS" if wall_ok else "FAIL"))
    emit("| gradient evaluations | %d | %d (fewest of SciPy's: %d) | %.2fx as many | <= | %s |" % (
        best_lcn[2], best_scipy[2], fewest, best_lcn[2] / best_scipy[2], "PASS" if evals_ok else "FAIL"))
    emit()
    if best_one_thread is not None and best_one_thread[0] != best_lcn[0]:
        emit("SciPy runs on one thread (LSODA, BDF and Radau are sequential, and NumPy's products over 200 samples"
             " do not gain from a second BLAS thread: measured the same); lcn-flow with 2 threads evaluates each batch"
             " of gradients it asks for side by side (GradientField.valuesAndGradients: Radau's three stages of a"
             " Newton iteration, and a new point with the next step's first stages), the same bits as with one. On"
             " one thread the best lcn-flow method (%s, %s) is %.1fx SciPy's best." % (best_one_thread[0],
                                                                   fmt_seconds(best_one_thread[1]),
                                                                   best_scipy[1] / best_one_thread[1]))
        emit()
    emit("Stiff targets: %s" % ("PASS" if wall_ok and evals_ok else "FAIL"))
    emit()


def best_peak(directory):
    """The peak-*.json (one per Python with NumPy) whose best dgemm is fastest, or None."""
    best = None
    for name in sorted(glob.glob(os.path.join(directory, "peak-*.json"))):
        with open(name) as f:
            p = json.load(f)
        if p.get("best") and (best is None or p["best"]["gflops"] > best["best"]["gflops"]):
            best = p
    return best


def describe_run(r):
    return "n = %d, OPENBLAS_CORETYPE=%s, kernel %s, threads %s" % (r["n"], r["coretype"], r["corename"],
                                                                     r["threads"])


def peak_table(peak, emit):
    emit("## The peak: OpenBLAS dgemm through NumPy, and the nominal peak")
    emit()
    if not peak:
        emit("(Not measured: no Python with NumPy.)")
        emit()
        return
    emit("NumPy %s (%s), best of several n x n products per configuration, each in its own process:" % (
        peak["numpy"], peak["python"]))
    emit()
    emit("| n | OPENBLAS_CORETYPE | kernel used | threads | GFLOP/s |")
    emit("|---|---|---|---|---|")
    for r in peak["runs"]:
        emit("| %d | %s | %s | %s | %s |" % (r["n"], r["coretype"], r["corename"], r["threads"], num(r["gflops"])))
    emit()
    nominal = peak.get("nominal")
    if nominal:
        emit("Nominal peak: %d cores x %.0f MHz x %d flops per cycle = %s GFLOP/s (cores: %s; clock: %s; flops per"
             " cycle: %s)." % (nominal["cores"], nominal["mhz"], nominal["flopsPerCycle"], num(nominal["gflops"]),
                               nominal["sources"]["cores"], nominal["sources"]["clock"],
                               nominal["sources"]["flopsPerCycle"]))
        if "impliedMhz" in nominal:
            emit("The measured dgemm is above it: the cores run faster than the reported clock, at least %.0f MHz."
                 % nominal["impliedMhz"])
        emit()


def load_json(path):
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def jmh_seconds(jmh, benchmark, **params):
    """The best score of the benchmark with these parameters, its error and its fastest iteration, in seconds,
    or Nones."""
    best = (None, None, None)
    for r in jmh:
        if r["benchmark"].endswith(benchmark) and all(r["params"].get(k) == str(v) for k, v in params.items()):
            m = r["primaryMetric"]
            unit = UNIT_SECONDS[m["scoreUnit"]]
            score = m["score"] * unit
            error = m["scoreError"] * unit if isinstance(m["scoreError"], (int, float)) else float("nan")
            fastest = min(x for fork in m["rawData"] for x in fork) * unit
            if best[0] is None or score < best[0]:
                best = (score, error, fastest)
    return best


def fmt_seconds(s):
    if s is None:
        return "-"
    if s >= 1:
        return "%.3g s" % s
    if s >= 1e-3:
        return "%.3g ms" % (s * 1e3)
    return "%.3g us" % (s * 1e6)


def ratio(peer, ours):
    if not peer or not ours:
        return "-"
    r = peer / ours
    return "%.0fx" % r if r >= 10 else "%.2gx" % r


def num(x):
    return "-" if x is None else "%.1f" % x


if __name__ == "__main__":
    sys.exit(main())

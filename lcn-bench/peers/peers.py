#!/usr/bin/env python3
"""Times the peers on the problems lcn-flow's ExportProblems wrote (the same numbers lcn-flow uses).

* PyTorch, float64, torch.set_num_threads(2): one full-batch gradient-descent step of the LCN, written as
  the chain of strided 1-D convolutions with autograd (forward, backward, update), per problem and loss.
* SciPy: solve_ivp(method='DOP853', rtol, atol as lcn-flow's comparison) on the flow dw/dt = -grad L(w) of
  the medium problem to the same end time, with a NumPy gradient through the final filter (patches as a
  matrix, two matrix-vector products, the chain rule through the layer polynomials); its end point is
  compared with lcn-flow's reference end point for the accuracy.
* NumPy's BLAS dgemm (1024 x 1024): the double-precision peak an optimized library reaches here.

Before timing, each peer's gradient at w0 is checked against the one lcn-flow exported.

Each peer runs in its own process per threading configuration, since OpenMP reads its settings once:
PyTorch with 2 threads as the issue asks (default OpenMP wait policy), with 2 threads and
OMP_WAIT_POLICY=PASSIVE (spinning OpenMP threads lose badly when another process shares the cores) and with
1 thread; SciPy/NumPy with the BLAS's default threads and with 1. A step is timed one by one and the median
is kept. The report quotes the ratio to the issue's configuration and to the fastest one.

Usage: peers.py DIR   (DIR holds problems.json and the .npy files; writes DIR/peers.json)
Exits 0 with a message, writing nothing, when torch or scipy is not installed.
For a quick look at a few numbers, PEERS_PROBLEMS=small (a comma-separated list) times the PyTorch steps of
those problems only, PEERS_TORCH=threads=2 (a comma-separated list of the configurations below) runs only those
configurations, and PEERS_SCIPY=0 skips SciPy; such a partial run writes DIR/peers-partial.json instead, which
report.py does not read.
"""
import json
import os
import subprocess
import sys
import time

TORCH_CONFIGS = [("threads=2", "2", None), ("threads=2,passive", "2", "PASSIVE"), ("threads=1", "1", None)]
SCIPY_CONFIGS = [("blas=default", None), ("blas=1", "1")]


def main():
    if len(sys.argv) == 4 and sys.argv[1] in ("--torch", "--scipy"):
        return worker(sys.argv[1], sys.argv[2], sys.argv[3])
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    try:
        import numpy
        import scipy
        import scipy.integrate
        import torch
    except ImportError as e:
        print("peers: skipped, %s (on Debian: apt-get install -y python3-torch python3-scipy)" % e)
        return 0
    directory = sys.argv[1]
    results = {"versions": {"python": sys.version.split()[0], "numpy": numpy.__version__, "scipy": scipy.__version__,
                            "torch": torch.__version__},
               "torch_step": {}, "scipy_dop853": {}}
    partial = any(os.environ.get(k) for k in ("PEERS_PROBLEMS", "PEERS_TORCH", "PEERS_SCIPY"))
    torch_configs = os.environ.get("PEERS_TORCH", "").split(",") if os.environ.get("PEERS_TORCH") else None
    for label, threads, policy in TORCH_CONFIGS:
        if torch_configs is not None and label not in torch_configs:
            continue
        env = dict(os.environ)
        if policy:
            env["OMP_WAIT_POLICY"] = policy
        print("torch, %s:" % label, flush=True)
        results["torch_step"][label] = run_worker("--torch", directory, threads, env)
    for label, threads in SCIPY_CONFIGS if os.environ.get("PEERS_SCIPY", "1") != "0" else []:
        env = dict(os.environ)
        if threads:
            for key in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
                env[key] = threads
        print("scipy, %s:" % label, flush=True)
        results["scipy_dop853"][label] = run_worker("--scipy", directory, threads or "default", env)
    with open(os.path.join(directory, "peers-partial.json" if partial else "peers.json"), "w") as f:
        json.dump(results, f, indent=2)
    return 0


def run_worker(kind, directory, threads, env):
    done = subprocess.run([sys.executable, os.path.abspath(__file__), kind, directory, threads], env=env,
                          stdout=subprocess.PIPE, text=True, check=True)
    lines = done.stdout.splitlines()
    for line in lines[:-1]:
        print("  " + line, flush=True)
    return json.loads(lines[-1])


def worker(kind, directory, threads):
    import numpy as np
    from scipy.integrate import solve_ivp
    with open(os.path.join(directory, "problems.json")) as f:
        meta = json.load(f)
    delta = meta["delta"]
    load = lambda name: np.load(os.path.join(directory, name))
    if kind == "--torch":
        import torch
        torch.set_num_threads(int(threads))
        print(json.dumps(torch_steps(torch, np, meta, load, delta)))
    else:
        print(json.dumps(scipy_flows(np, solve_ivp, meta, load, delta)))
    return 0


def torch_steps(torch, np, meta, load, delta):
    out = {}
    only = os.environ.get("PEERS_PROBLEMS")
    for name, p in meta["problems"].items():
        if only and name not in only.split(","):
            continue
        x = load(name + "-x.npy")
        y = load(name + "-y.npy")
        w0 = load(name + "-w0.npy")[0]
        for loss in ("square", "pseudo-huber"):
            expected = load("%s-%s-gradient.npy" % (name, loss))[0]
            seconds, fastest, error = torch_step(torch, np, p, x, y, w0, loss, delta, expected)
            out["%s/%s" % (name, loss)] = {"seconds": seconds, "fastest": fastest, "gradient_error": error}
            print("%-7s %-13s one gradient-descent step: median %10.3f ms, fastest %10.3f ms (gradient agrees to"
                  " %.1e)" % (name, loss, seconds * 1e3, fastest * 1e3, error), flush=True)
    return out


def scipy_flows(np, solve_ivp, meta, load, delta):
    out = {"dgemm_gflops": dgemm_gflops(np)}
    print("NumPy/BLAS dgemm 1024 x 1024: %.1f GFLOP/s" % out["dgemm_gflops"], flush=True)
    name = "medium"
    p = meta["problems"][name]
    x = load(name + "-x.npy")
    y = load(name + "-y.npy")
    w0 = load(name + "-w0.npy")[0]
    for loss in ("square", "pseudo-huber"):
        grad = numpy_gradient(np, p, x, y, loss, delta)
        expected = load("%s-%s-gradient.npy" % (name, loss))[0]
        error = np.linalg.norm(grad(w0) - expected) / np.linalg.norm(expected)
        calls = [0]

        def rhs(t, w):
            calls[0] += 1
            return -grad(w)

        start = time.perf_counter()
        solution = solve_ivp(rhs, (0.0, meta["flowTime"]), w0, method="DOP853", rtol=meta["rtol"], atol=meta["atol"])
        seconds = time.perf_counter() - start
        reference = load("%s-%s-reference.npy" % (name, loss))[0]
        end = solution.y[:, -1]
        relative = float(np.linalg.norm(end - reference) / np.linalg.norm(reference))
        repeats = max(3, int(0.5 / (seconds / max(calls[0], 1))))
        start = time.perf_counter()
        for _ in range(repeats):
            grad(w0)
        per_gradient = (time.perf_counter() - start) / repeats
        out["%s/%s" % (name, loss)] = {
            "seconds": seconds, "evaluations": calls[0], "steps": int(len(solution.t) - 1), "status": solution.status,
            "relative_error": relative, "numpy_gradient_seconds": per_gradient, "gradient_error": float(error)}
        print("%-7s %-13s DOP853 to t=%g: %8.3f s, %d evaluations, end point %.1e from the reference"
              " (numpy gradient %.3f ms, agrees to %.1e)" % (name, loss, meta["flowTime"], seconds, calls[0], relative,
                                                             per_gradient * 1e3, error), flush=True)
    return out


def dgemm_gflops(np):
    """The machine's double-precision peak as an optimized BLAS reaches it: the best of a few 1024^3 products."""
    rng = np.random.default_rng(1)
    a = rng.standard_normal((1024, 1024))
    b = rng.standard_normal((1024, 1024))
    a @ b
    best = float("inf")
    for _ in range(5):
        t = time.perf_counter()
        a @ b
        best = min(best, time.perf_counter() - t)
    return 2.0 * 1024 ** 3 / best / 1e9


def torch_step(torch, np, p, x, y, w0, loss, delta, expected):
    """Median and fastest seconds per full-batch gradient-descent step (forward, backward, update), and the
    relative error of its gradient at w0 against lcn-flow's."""
    X = torch.from_numpy(x).unsqueeze(1)  # m x 1 x d0
    Y = torch.from_numpy(y).unsqueeze(1)
    offsets = np.cumsum([0] + p["widths"])
    ws = [torch.tensor(w0[offsets[i]:offsets[i + 1]].reshape(1, 1, -1), dtype=torch.float64, requires_grad=True)
          for i in range(len(p["widths"]))]
    strides = p["strides"]

    def risk():
        z = X
        for w, s in zip(ws, strides):
            # conv1d is a cross-correlation: (alpha_i(x))_j = sum_n w_n x_{j s + n}, as eq. (1.1)
            z = torch.nn.functional.conv1d(z, w, stride=s)
        r = z - Y
        if loss == "square":
            return (r * r).sum()
        return torch.sqrt(delta * delta + r * r).sum()

    def step():
        for w in ws:
            w.grad = None
        value = risk()
        value.backward()
        with torch.no_grad():
            for w in ws:
                w -= 1e-3 * w.grad
        return value

    for w in ws:
        w.grad = None
    risk().backward()
    gradient = np.concatenate([w.grad.numpy().ravel() for w in ws])
    error = float(np.linalg.norm(gradient - expected) / np.linalg.norm(expected))
    step()  # warm-up
    times = []
    start = time.perf_counter()
    while len(times) < 5 or (time.perf_counter() - start < 2.0 and len(times) < 200):
        t = time.perf_counter()
        step()
        times.append(time.perf_counter() - t)
    times.sort()
    return times[len(times) // 2], times[0], error


def numpy_gradient(np, p, x, y, loss, delta):
    """grad L(w) with NumPy: final filter by the layer polynomials, dL/dv by two matrix-vector products over
    the patch matrix (formed once), dL/dw by the chain rule through the product of polynomials."""
    widths, strides = p["widths"], p["strides"]
    kv, sv, dN = p["kv"], p["sv"], p["dN"]
    patches = np.lib.stride_tricks.sliding_window_view(x, kv, axis=1)[:, ::sv, :][:, :dN, :]
    patches = np.ascontiguousarray(patches).reshape(-1, kv)
    targets = y.reshape(-1)
    offsets = np.cumsum([0] + widths)
    spacing = np.cumprod([1] + strides[:-1])

    def dilated(w, i):
        q = np.zeros((widths[i] - 1) * spacing[i] + 1)
        q[::spacing[i]] = w[offsets[i]:offsets[i + 1]]
        return q

    def gradient(w):
        polys = [dilated(w, i) for i in range(len(widths))]
        v = polys[0]
        for q in polys[1:]:
            v = np.convolve(v, q)
        r = patches @ v - targets
        if loss == "square":
            g = 2.0 * r
        else:
            g = r / np.sqrt(delta * delta + r * r)
        dv = patches.T @ g
        out = np.empty(offsets[-1])
        for i in range(len(widths)):
            others = np.ones(1)
            for j, q in enumerate(polys):
                if j != i:
                    others = np.convolve(others, q)
            for j in range(widths[i]):
                shift = j * spacing[i]
                out[offsets[i] + j] = dv[shift:shift + len(others)] @ others
        return out

    return gradient


if __name__ == "__main__":
    sys.exit(main())

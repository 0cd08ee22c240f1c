#!/usr/bin/env python3
"""Times the peers on the problems lcn-flow's ExportProblems wrote (the same numbers lcn-flow uses).

* PyTorch, float64, torch.set_num_threads(2): one full-batch gradient-descent step of the LCN, written as
  the chain of strided 1-D convolutions with autograd (forward, backward, update), per problem and loss.
* SciPy: solve_ivp(method='DOP853', rtol, atol as lcn-flow's comparison) on the flow dw/dt = -grad L(w) of
  the medium problem to the same end time, with a NumPy gradient through the final filter (patches as a
  matrix, two matrix-vector products, the chain rule through the layer polynomials); its end point is
  compared with lcn-flow's reference end point for the accuracy.
* NumPy's BLAS dgemm (1024 x 1024): the double-precision peak an optimized library reaches here.
* The stiff flow of issue 16 (ExportProblems' stiff-*.npy and stiff-problem.json): solve_ivp with LSODA, BDF and
  Radau, each given the exact Hessian (jac = -Hessian) by NumPy, rtol = atol = 1e-8, t_span (0, 100), to the
  terminal event |grad L| = 1e-8; best of 3 wall times per method, with nfev, njev, nlu, every gradient the
  right-hand side and the event function compute (a one-entry cache keyed on the exact point saves the event's
  recomputation where the solver already evaluated the right-hand side there), the end |grad L| and loss. Written
  to DIR/stiff-scipy.json. NumPy's gradient and Hessian are first checked against lcn-flow's at w0; the section
  is aborted when either differs by more than 1e-8 (max difference relative to the largest entry).

Before timing, each peer's gradient at w0 is checked against the one lcn-flow exported.

Each peer runs in its own process per threading configuration, since OpenMP reads its settings once:
PyTorch with 2 threads as the issue asks (default OpenMP wait policy), with 2 threads and
OMP_WAIT_POLICY=PASSIVE (spinning OpenMP threads lose badly when another process shares the cores) and with
1 thread; SciPy/NumPy with the BLAS's default threads and with 1. A step is timed one by one and the median
is kept. The report quotes the ratio to the issue's configuration and to the fastest one.

Usage: peers.py DIR   (DIR holds problems.json and the .npy files; writes DIR/peers.json)
       peers.py DIR --only stiff   (the stiff flow alone; needs only stiff-problem.json and stiff-*.npy)
Without torch the PyTorch part is skipped with a message (peers.json then has no PyTorch numbers); without scipy
the SciPy parts are skipped, and with neither nothing is written.
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
    if len(sys.argv) == 4 and sys.argv[1] in ("--torch", "--scipy", "--stiff"):
        return worker(sys.argv[1], sys.argv[2], sys.argv[3])
    stiff_only = len(sys.argv) == 4 and sys.argv[2:] == ["--only", "stiff"]
    if len(sys.argv) != 2 and not stiff_only:
        print(__doc__)
        return 2
    directory = sys.argv[1]
    numpy = module("numpy")
    scipy = module("scipy.integrate") and module("scipy")
    torch = None if stiff_only else module("torch")
    if numpy is None or scipy is None:
        print("peers: SciPy part skipped, numpy or scipy is not installed (on Debian: apt-get install -y"
              " python3-scipy)")
    else:
        stiff(directory)
    if stiff_only:
        return 0
    if torch is None:
        print("peers: PyTorch part skipped, torch is not installed (on Debian: apt-get install -y python3-torch)")
    if torch is None and scipy is None:
        return 0
    results = {"versions": {"python": sys.version.split()[0], "numpy": numpy and numpy.__version__,
                            "scipy": scipy and scipy.__version__, "torch": torch and torch.__version__},
               "torch_step": {}, "scipy_dop853": {}}
    partial = any(os.environ.get(k) for k in ("PEERS_PROBLEMS", "PEERS_TORCH", "PEERS_SCIPY"))
    torch_configs = os.environ.get("PEERS_TORCH", "").split(",") if os.environ.get("PEERS_TORCH") else None
    for label, threads, policy in TORCH_CONFIGS if torch is not None else []:
        if torch_configs is not None and label not in torch_configs:
            continue
        env = dict(os.environ)
        if policy:
            env["OMP_WAIT_POLICY"] = policy
        print("torch, %s:" % label, flush=True)
        results["torch_step"][label] = run_worker("--torch", directory, threads, env)
    for label, threads in SCIPY_CONFIGS if scipy is not None and os.environ.get("PEERS_SCIPY", "1") != "0" else []:
        env = dict(os.environ)
        if threads:
            for key in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
                env[key] = threads
        print("scipy, %s:" % label, flush=True)
        results["scipy_dop853"][label] = run_worker("--scipy", directory, threads or "default", env)
    with open(os.path.join(directory, "peers-partial.json" if partial else "peers.json"), "w") as f:
        json.dump(results, f, indent=2)
    return 0


def module(name):
    """The module, or None when it is not installed."""
    try:
        __import__(name)
        return sys.modules[name]
    except ImportError:
        return None


def stiff(directory):
    """The stiff flow against SciPy, in its own process with one BLAS thread (the matrices have 7 columns) and
    OpenBLAS's own choice of kernel (OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset, as they slow a current NumPy);
    if that process fails, once more with the environment as it is."""
    if not os.path.exists(os.path.join(directory, "stiff-problem.json")):
        print("peers: stiff flow skipped, %s has no stiff-problem.json (run ExportProblems first)" % directory)
        return
    env = dict(os.environ)
    for key in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env[key] = "1"
    tuned = dict(env)
    tuned.pop("OPENBLAS_CORETYPE", None)
    tuned.pop("OPENBLAS_L2_SIZE", None)
    print("scipy, stiff flow (LSODA, BDF, Radau with the exact Hessian):", flush=True)
    try:
        result = run_worker("--stiff", directory, "1", tuned)
    except subprocess.CalledProcessError:
        print("  (failed with OpenBLAS's own kernel choice; again with OPENBLAS_CORETYPE as set)", flush=True)
        try:
            result = run_worker("--stiff", directory, "1", env)
        except subprocess.CalledProcessError as e:
            print("peers: stiff flow failed (%s); no stiff-scipy.json" % e, flush=True)
            return
    if result is None:
        return
    with open(os.path.join(directory, "stiff-scipy.json"), "w") as f:
        json.dump(result, f, indent=2)


def run_worker(kind, directory, threads, env):
    done = subprocess.run([sys.executable, os.path.abspath(__file__), kind, directory, threads], env=env,
                          stdout=subprocess.PIPE, text=True, check=True)
    lines = done.stdout.splitlines()
    for line in lines[:-1]:
        print("  " + line, flush=True)
    return json.loads(lines[-1]) if lines else None


def worker(kind, directory, threads):
    import numpy as np
    from scipy.integrate import solve_ivp
    if kind == "--stiff":
        print(json.dumps(stiff_flows(np, solve_ivp, directory)))
        return 0
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


STIFF_METHODS = ("LSODA", "BDF", "Radau")
STIFF_REPEATS = 3
STIFF_CHECK = 1e-8


def stiff_flows(np, solve_ivp, directory):
    """The stiff flow dw/dt = -grad L(w) with solve_ivp's implicit methods, each given jac = -Hessian."""
    with open(os.path.join(directory, "stiff-problem.json")) as f:
        p = json.load(f)
    load = lambda name: np.load(os.path.join(directory, name))
    risk = StiffRisk(np, p, load("stiff-x.npy"), load("stiff-y.npy"))
    w0 = load("stiff-w0.npy")[0]
    value, gradient, hessian = risk.value(w0), risk.gradient(w0), risk.hessian(w0)
    expected_g = load("stiff-gradient.npy")[0]
    expected_h = load("stiff-hessian.npy")
    g_error = float(np.max(np.abs(gradient - expected_g)) / np.max(np.abs(expected_g)))
    h_error = float(np.max(np.abs(hessian - expected_h)) / np.max(np.abs(expected_h)))
    v_error = float(abs(value - p["value"]) / abs(p["value"]))
    out = {"versions": {"numpy": np.__version__, "scipy": __import__("scipy").__version__},
           "openblas_coretype": os.environ.get("OPENBLAS_CORETYPE"), "value_error": v_error,
           "gradient_error": g_error, "hessian_error": h_error, "methods": {}}
    print("NumPy at w0 against lcn-flow: value %.1e, gradient %.1e, Hessian %.1e (max difference / largest entry)"
          % (v_error, g_error, h_error), flush=True)
    if max(v_error, g_error, h_error) > STIFF_CHECK:
        out["aborted"] = "NumPy's value, gradient or Hessian differs from lcn-flow's by more than %g" % STIFF_CHECK
        print("stiff flow aborted: " + out["aborted"], flush=True)
        return out
    tol = p["gradientTolerance"]
    for method in STIFF_METHODS:
        walls = []
        for _ in range(STIFF_REPEATS):
            risk.reset()

            def rhs(t, w):
                return -risk.gradient(w)

            def jac(t, w):
                return -risk.hessian(w)

            def event(t, w):
                return float(np.linalg.norm(risk.event_gradient(w))) - tol

            event.terminal = True
            event.direction = -1
            start = time.perf_counter()
            solution = solve_ivp(rhs, (0.0, p["tMax"]), w0, method=method, jac=jac, events=event, rtol=p["rtol"],
                                 atol=p["atol"])
            walls.append(time.perf_counter() - start)
        end = solution.y[:, -1]
        counts = dict(risk.counts)
        end_norm = float(np.linalg.norm(risk.gradient(end)))
        end_loss = float(risk.value(end))
        reached = solution.status == 1 and len(solution.t_events[0]) > 0
        r = {"seconds": min(walls), "walls": walls, "status": int(solution.status), "reached": bool(reached),
             "t_end": float(solution.t[-1]), "steps": int(len(solution.t) - 1), "nfev": int(solution.nfev),
             "njev": int(solution.njev), "nlu": int(solution.nlu), "rhs_gradients": counts["rhs"],
             "event_gradients": counts["event"], "cached_gradients": counts["cached"], "hessians": counts["hessian"],
             "evaluations": counts["rhs"] + counts["event"] + counts["hessian"], "gradient_norm": end_norm,
             "loss": end_loss}
        out["methods"][method] = r
        print("%-5s %s at t = %.4g: best wall %8.2f ms of %d, %d steps, nfev %d, njev %d, nlu %d; gradients: %d"
              " right-hand side + %d event (+ %d from the cache) + %d with a Hessian = %d evaluations;"
              " |grad L| = %.3e, L = %.12g" % (
                  method, "reached the tolerance" if reached else "did NOT reach the tolerance (status %d)"
                  % solution.status, r["t_end"], r["seconds"] * 1e3, STIFF_REPEATS, r["steps"], r["nfev"], r["njev"],
                  r["nlu"], r["rhs_gradients"], r["event_gradients"], r["cached_gradients"], r["hessians"],
                  r["evaluations"], end_norm, end_loss), flush=True)
    return out


class StiffRisk:
    """L(w) = sum_i sum_j phi((V x_i)_j - y_ij) with pseudo-Huber phi(r) = sqrt(delta^2 + r^2), its gradient and
    its exact Hessian, in NumPy. The final filter v is the coefficient vector of the product of the layer
    polynomials p_i(x) = sum_a w_ia x^(a S_(i-1)), S_i the product of the first i strides (Prop. 2.1), so
    dv/dw_ia = x^(a S_(i-1)) Q_i with Q_i the product of the other layers' polynomials, and
    d2v/dw_ia dw_jb = x^(a S_(i-1) + b S_(j-1)) Q_ij (i != j; 0 for i = j, v being linear in each layer).
    With the patch matrix P (row (i, j) = x_i[j s_v : j s_v + k_v]) and r = P v - y:
    grad = J^T P^T phi'(r), Hessian = J^T P^T diag(phi''(r)) P J + sum_n (P^T phi'(r))_n d2v_n / dw dw.
    Counts the gradients it computes; a gradient asked again at the very point of the last one comes from a
    one-entry cache (counted apart)."""

    def __init__(self, np, p, x, y):
        self.np = np
        self.delta = p["delta"]
        widths, strides, kv, sv, dN = p["widths"], p["strides"], p["kv"], p["sv"], p["dN"]
        patches = np.lib.stride_tricks.sliding_window_view(x, kv, axis=1)[:, ::sv, :][:, :dN, :]
        self.patches = np.ascontiguousarray(patches).reshape(-1, kv)
        self.patches_t = np.ascontiguousarray(self.patches.T)
        self.targets = np.ascontiguousarray(y).reshape(-1)
        self.widths = widths
        self.offsets = np.cumsum([0] + widths)
        self.spacing = np.cumprod([1] + strides[:-1])
        self.kv = kv
        self.n = int(self.offsets[-1])
        self.reset()

    def reset(self):
        self.counts = {"rhs": 0, "event": 0, "cached": 0, "hessian": 0}
        self.last = None

    def _polys(self, w):
        np = self.np
        polys = []
        for i, k in enumerate(self.widths):
            q = np.zeros((k - 1) * self.spacing[i] + 1)
            q[::self.spacing[i]] = w[self.offsets[i]:self.offsets[i + 1]]
            polys.append(q)
        return polys

    def _product(self, polys, skip=()):
        v = self.np.ones(1)
        for i, q in enumerate(polys):
            if i not in skip:
                v = self.np.convolve(v, q)
        return v

    def _jacobian(self, polys):
        """J = dv/dw, k_v x n."""
        J = self.np.zeros((self.kv, self.n))
        for i, k in enumerate(self.widths):
            others = self._product(polys, (i,))
            for a in range(k):
                shift = a * self.spacing[i]
                J[shift:shift + len(others), self.offsets[i] + a] = others
        return J

    def _residual(self, w):
        polys = self._polys(w)
        return polys, self.patches @ self._product(polys) - self.targets

    def value(self, w):
        _, r = self._residual(w)
        return float(self.np.sqrt(self.delta * self.delta + r * r).sum())

    def gradient(self, w, kind="rhs"):
        np = self.np
        if self.last is not None and np.array_equal(self.last[0], w):
            self.counts["cached"] += 1
            return self.last[1]
        self.counts[kind] += 1
        polys, r = self._residual(w)
        dv = self.patches_t @ (r / np.sqrt(self.delta * self.delta + r * r))
        g = np.empty(self.n)
        for i, k in enumerate(self.widths):
            others = self._product(polys, (i,))
            for a in range(k):
                shift = a * self.spacing[i]
                g[self.offsets[i] + a] = dv[shift:shift + len(others)] @ others
        self.last = (np.array(w, copy=True), g)
        return g

    def event_gradient(self, w):
        return self.gradient(w, "event")

    def hessian(self, w):
        np = self.np
        self.counts["hessian"] += 1
        polys, r = self._residual(w)
        d2 = self.delta * self.delta
        s = d2 + r * r
        dv = self.patches_t @ (r / np.sqrt(s))
        pj = self.patches @ self._jacobian(polys)
        h = pj.T @ (pj * (d2 / (s * np.sqrt(s)))[:, None])
        for i, ki in enumerate(self.widths):
            for j, kj in enumerate(self.widths):
                if i == j:
                    continue
                rest = self._product(polys, (i, j))
                for a in range(ki):
                    for b in range(kj):
                        shift = a * self.spacing[i] + b * self.spacing[j]
                        h[self.offsets[i] + a, self.offsets[j] + b] += dv[shift:shift + len(rest)] @ rest
        return h


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

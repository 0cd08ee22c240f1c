#!/usr/bin/env bash
# lcn-flow against PyTorch and SciPy, side by side on this machine, in one command:
#   lcn-bench/run-peers.sh [OUT_DIR]                (default lcn-bench/target/peers)
#   lcn-bench/run-peers.sh --only stiff [OUT_DIR]   (the stiff flow of issue 16 alone, about a minute)
#   lcn-bench/run-peers.sh --only spark [OUT_DIR]   (issue 17: 10^6 samples as Parquet, Spark local[2] against the
#                                                    in-process engine; lcn-spark/run-parquet-flows.sh, since
#                                                    lcn-bench itself does not depend on Spark; about 5 minutes)
# 1. builds lcn-bench/target/benchmarks.jar if it is missing or older than a main source file (mvn package,
#    tests skipped);
# 2. writes the benchmark problems as .npy files (ExportProblems), so the peers see lcn-flow's numbers, and runs
#    the stiff flow once with each registered implicit integrator (counts to OUT_DIR/stiff-lcn.json);
# 3. runs the JMH benchmarks with short settings (1 fork, 2 x 1 s warm-up, 3 x 1 s measurement; the stiff flow
#    3 + 5), StiffBenchmark with the registered implicit integrators only (OUT_DIR/stiff-integrators.txt);
# 2b. measures the peak: OpenBLAS dgemm through NumPy (lcn-bench/peers/peak.py: n = 1024, 2048, the kernel OpenBLAS
#    picks and each OPENBLAS_CORETYPE that matches the CPU, default and 1 thread), and the nominal peak;
# 4. runs lcn-bench/peers/peers.py (PyTorch skipped, with a message, without torch; SciPy without scipy), which
#    also races SciPy's LSODA, BDF and Radau on the stiff flow (OUT_DIR/stiff-scipy.json);
# 5. prints the lcn-flow/peer ratios (lcn-bench/peers/report.py), also written to OUT_DIR/report.md
#    (OUT_DIR/report-stiff.md with --only stiff), with the stiff targets' PASS/FAIL.
# It takes about ten minutes on 2 cores. JMH=... adds options to every JMH run (e.g. JMH='-prof gc').
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
only=
if [ "${1:-}" = "--only" ]; then
  only=${2:-}
  shift 2 || true
  if [ "$only" != stiff ] && [ "$only" != spark ]; then
    echo "usage: run-peers.sh [--only stiff|spark] [OUT_DIR]" >&2
    exit 2
  fi
fi
out=${1:-$here/target/peers}
if [ "$only" = spark ]; then
  mkdir -p "$out"
  "$root/lcn-spark/run-parquet-flows.sh" "$out/parquet-flows"
  cp "$out/parquet-flows/report-spark.md" "$out/report-spark.md"
  exit 0
fi
jar=$here/target/benchmarks.jar
# PYTHON=... picks the interpreter; by default the first of python3 (on PATH) and /usr/bin/python3 that has the
# peers' modules (torch and scipy; for --only stiff scipy alone), else the first that has scipy, else python3
python=${PYTHON:-}
if [ -z "$python" ]; then
  want="import torch, scipy"
  [ "$only" = stiff ] && want="import scipy"
  for check in "$want" "import scipy"; do
    for candidate in python3 /usr/bin/python3; do
      if [ -z "$python" ] && command -v "$candidate" > /dev/null && "$candidate" -c "$check" 2> /dev/null; then
        python=$candidate
      fi
    done
  done
  python=${python:-python3}
fi
mkdir -p "$out"
if [ ! -f "$jar" ] || [ -n "$(find "$root" -path '*/src/main/*' -newer "$jar" -type f -print -quit)" ]; then
  (cd "$root" && mvn -B -q -pl lcn-bench -am package -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true)
fi
{
  echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/{print $2}') GiB"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "python: $(command -v "$python") $("$python" --version 2>&1)"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "command: lcn-bench/run-peers.sh${only:+ --only $only}"
} > "$out/machine.txt"

short="-wi 2 -i 3 -w 1s -r 1s"
jmh() { # name, iteration settings, then JMH arguments
  local name=$1 settings=$2; shift 2
  # shellcheck disable=SC2086
  java -jar "$jar" "$@" -f 1 $settings ${JMH:-} -rf json -rff "$out/jmh-$name.json"
}
stiff_jmh() { # StiffBenchmark with the implicit integrators this build registers
  local names
  names=$(tr -d '[:space:]' < "$out/stiff-integrators.txt")
  rm -f "$out/jmh-stiff.json"
  if [ -z "$names" ]; then
    echo "StiffBenchmark skipped: none of rosenbrock, radau-iia-5, bdf, auto is registered"
    return
  fi
  jmh stiff "-wi 3 -i 5 -w 1s -r 1s" StiffBenchmark -p integrator="$names"
}

if [ "$only" = stiff ]; then
  java -cp "$jar" org.lcnflow.bench.ExportProblems "$out" --only stiff
  stiff_jmh
  echo "load average after the JMH run: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
  "$python" "$here/peers/peers.py" "$out" --only stiff
  echo "load average after the peers: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
  "$python" "$here/peers/report.py" "$out" --only stiff
  exit 0
fi

# the peak: OpenBLAS dgemm through NumPy with each Python that has it (each may bring another OpenBLAS)
rm -f "$out"/peak-*.json
seen=""
for candidate in python3 /usr/bin/python3 "$python"; do
  real=$(command -v "$candidate" > /dev/null && readlink -f "$(command -v "$candidate")" || true)
  if [ -n "$real" ] && [[ " $seen " != *" $real "* ]] && "$candidate" -c "import numpy" 2> /dev/null; then
    "$candidate" "$here/peers/peak.py" "$out"
    seen="$seen $real"
  fi
done
java -cp "$jar" org.lcnflow.bench.ExportProblems "$out"
jmh gradient "$short" GradientBenchmark -p problem=small,medium,large -p loss=square,pseudo-huber -p path=auto,data-pass
jmh batched "$short" BatchedPassBenchmark -p problem=medium,large -p loss=square,pseudo-huber
jmh hessian "$short" HessianBenchmark
jmh generic "-wi 1 -i 2 -w 1s -r 1s" GradientBenchmark -p problem=medium,large -p loss=square -p path=generic -p kernels=plain
jmh setup "-wi 2 -i 3" SetupBenchmark -p problem=small,medium,large
jmh scaling "$short" ScalingBenchmark
jmh dp853 "$short" FlowBenchmark -p problem=medium -p loss=square,pseudo-huber -p integrator=dormand-prince-853
jmh flows "$short" FlowBenchmark -p problem=small,medium -p loss=square,pseudo-huber \
  -p integrator=euler,rk4,dormand-prince-54,gragg-bulirsch-stoer,adams-bashforth,adams-moulton
jmh peak "$short" PeakBenchmark
stiff_jmh
echo "load average after the JMH runs: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"

"$python" "$here/peers/peers.py" "$out"
echo "load average after the peers: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
"$python" "$here/peers/report.py" "$out"

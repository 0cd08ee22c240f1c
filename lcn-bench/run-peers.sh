#!/usr/bin/env bash
# lcn-flow against PyTorch and SciPy, side by side on this machine, in one command:
#   lcn-bench/run-peers.sh [OUT_DIR]          (default lcn-bench/target/peers)
# 1. builds lcn-bench/target/benchmarks.jar if it is missing (mvn package, tests skipped);
# 2. writes the benchmark problems as .npy files (ExportProblems), so the peers see lcn-flow's numbers;
# 3. runs the JMH benchmarks with short settings (1 fork, 2 x 1 s warm-up, 3 x 1 s measurement);
# 4. runs lcn-bench/peers/peers.py (skipped, with a message, without torch and scipy);
# 5. prints the lcn-flow/peer ratios (lcn-bench/peers/report.py), also written to OUT_DIR/report.md.
# It takes about ten minutes on 2 cores. JMH=... adds options to every JMH run (e.g. JMH='-prof gc').
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out=${1:-$here/target/peers}
jar=$here/target/benchmarks.jar
python=${PYTHON:-/usr/bin/python3}
mkdir -p "$out"
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -q -pl lcn-bench -am package -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true)
fi
{
  echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/{print $2}') GiB"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "command: lcn-bench/run-peers.sh"
} > "$out/machine.txt"
java -cp "$jar" org.lcnflow.bench.ExportProblems "$out"

short="-wi 2 -i 3 -w 1s -r 1s"
jmh() { # name, iteration settings, then JMH arguments
  local name=$1 settings=$2; shift 2
  # shellcheck disable=SC2086
  java -jar "$jar" "$@" -f 1 $settings ${JMH:-} -rf json -rff "$out/jmh-$name.json"
}
jmh gradient "$short" GradientBenchmark -p problem=small,medium,large -p loss=square,pseudo-huber -p path=auto,data-pass
jmh generic "-wi 1 -i 2 -w 1s -r 1s" GradientBenchmark -p problem=medium,large -p loss=square -p path=generic
jmh setup "-wi 2 -i 3" SetupBenchmark -p problem=small,medium,large
jmh scaling "$short" ScalingBenchmark
jmh dp853 "$short" FlowBenchmark -p problem=medium -p loss=square,pseudo-huber -p integrator=dormand-prince-853
jmh flows "$short" FlowBenchmark -p problem=small,medium -p loss=square,pseudo-huber \
  -p integrator=euler,rk4,dormand-prince-54,gragg-bulirsch-stoer,adams-bashforth,adams-moulton
jmh peak "$short" PeakBenchmark
echo "load average after the JMH runs: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"

"$python" "$here/peers/peers.py" "$out"
echo "load average after the peers: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
"$python" "$here/peers/report.py" "$out"

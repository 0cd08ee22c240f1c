#!/usr/bin/env bash
# Issue 17's measurement: 10^6 samples (d0 = 257) as Parquet, the square and a pseudo-Huber flow on Spark local[2]
# against the in-process engine on the same samples (ParquetFlows, in lcn-spark's test sources). About 16 GB of
# heap for 10^6 samples; M=... sets the number of samples, HEAP=... the heap.
#   lcn-spark/run-parquet-flows.sh [OUT_DIR]     (default lcn-spark/target/parquet-flows; report-spark.md there)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out=${1:-$here/target/parquet-flows}
cd "$root"
mvn -B -q -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -pl lcn-spark -am install
mvn -B -q -pl lcn-spark dependency:build-classpath -DincludeScope=test -Dmdep.outputFile="$here/target/test-classpath.txt"
opens=""
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens="$opens --add-opens=java.base/$p=ALL-UNNAMED"
done
SPARK_LOCAL_IP=127.0.0.1 java -XX:+IgnoreUnrecognizedVMOptions $opens \
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true \
  -Xmx"${HEAP:-16g}" -Dm="${M:-1000000}" \
  -cp "$here/target/test-classes:$here/target/classes:$(cat "$here/target/test-classpath.txt")" \
  org.lcnflow.spark.ParquetFlows "$out"

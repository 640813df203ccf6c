#!/usr/bin/env bash
# Shared launcher of scripts/bench and scripts/chaos (not meant to be called directly):
#   bench/run-harness.sh MAIN_CLASS [ARGS...]
# Compiles the harness and every module it starts (./pipeline mvn -pl bench -am compile; skipped with
# BENCH_SKIP_BUILD=true), then runs MAIN_CLASS on the JDK ./pipeline chose, with the module's runtime class path.
set -euo pipefail
cd "$(dirname "$0")/.."

main=$1
shift

if [ "${BENCH_SKIP_BUILD:-false}" != "true" ]; then
  echo "Compiling the harness and the services (./pipeline mvn -pl bench -am compile)..." >&2
  ./pipeline mvn -q -pl bench -am compile >&2
fi
if [ ! -f bench/target/bench.classpath ]; then
  echo "error: bench/target/bench.classpath is missing; run without BENCH_SKIP_BUILD=true" >&2
  exit 1
fi

# The JDK ./pipeline found (>= 21): Maven reports it as its runtime.
java_home=$(./pipeline mvn --version | sed -n 's/.*runtime: *//p' | head -n 1)
if [ -z "$java_home" ] || [ ! -x "$java_home/bin/java" ]; then
  echo "error: could not find the JDK ./pipeline uses (got '$java_home')" >&2
  exit 1
fi

exec "$java_home/bin/java" ${BENCH_HARNESS_JAVA_OPTS:--Xmx1g -XX:+UseG1GC} \
  -Dsun.net.httpserver.nodelay=true \
  -Dlogback.configurationFile=dev/orderpipeline/bench/logback-bench.xml \
  -cp "bench/target/classes:$(cat bench/target/bench.classpath)" \
  "$main" "$@"

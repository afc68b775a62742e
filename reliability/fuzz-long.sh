#!/usr/bin/env bash
# Long fuzz run of one target with Jazzer's own driver, where libFuzzer's -runs applies.
#   reliability/fuzz-long.sh TARGET [RUNS] [extra libFuzzer flags...]
# TARGET: netflowV5 netflowV9 ipfix pcap zeekTsv zeekJson assetsCsv configYaml (FuzzTargetsTest's methods).
# RUNS defaults to 10,000,000 executions. The generated corpus grows in reliability/target/fuzz/TARGET;
# a crash is written to reliability/target/fuzz/crash-* : copy it into
# src/test/resources/io/flowsentry/reliability/fuzz/FuzzTargetsTestInputs/TARGET/ so that every
# test run replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: reliability/fuzz-long.sh TARGET [RUNS] [libFuzzer flags...]}
runs=${2:-10000000}
shift $(( $# >= 2 ? 2 : 1 ))
mvn -B -q -pl reliability -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
seeds=reliability/src/test/resources/io/flowsentry/reliability/fuzz/FuzzTargetsTestInputs/$target
work=reliability/target/fuzz/$target
mkdir -p "$work"
exec java -Xmx1g -cp "reliability/target/test-classes:$(cat reliability/target/test.classpath)" \
    com.code_intelligence.jazzer.Jazzer \
    --target_class=io.flowsentry.reliability.fuzz.StandaloneTarget --target_args="$target" \
    --instrumentation_includes='io.flowsentry.**:com.fasterxml.jackson.**:org.yaml.snakeyaml.**' \
    -runs="$runs" -print_final_stats=1 -artifact_prefix=reliability/target/fuzz/ "$@" "$work" "$seeds"

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
# The run loads classes from its own copy of the build's class directories, so that building the
# worktree again during a run of hours does not change the code under test halfway.
classes=reliability/target/fuzz/classes-$target
rm -rf "$classes"
mkdir -p "$classes"
classpath=""
n=0
for entry in reliability/target/test-classes $(tr ':' ' ' < reliability/target/test.classpath); do
    if [[ -d $entry ]]; then
        n=$((n + 1))
        cp -r "$entry" "$classes/$n"
        entry=$classes/$n
    fi
    classpath=${classpath:+$classpath:}$entry
done
echo "fuzz-long: $target, $runs runs, commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' (with uncommitted changes)'), classes copied to $classes"
exec java -Xmx1g -cp "$classpath" \
    com.code_intelligence.jazzer.Jazzer \
    --target_class=io.flowsentry.reliability.fuzz.StandaloneTarget --target_args="$target" \
    --instrumentation_includes='io.flowsentry.**:com.fasterxml.jackson.**:org.yaml.snakeyaml.**' \
    -runs="$runs" -print_final_stats=1 -artifact_prefix=reliability/target/fuzz/ "$@" "$work" "$seeds"

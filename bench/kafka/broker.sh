#!/usr/bin/env bash
# Single-node Apache Kafka 4.4.0 broker (KRaft, broker+controller in one JVM) for local
# end-to-end tests. Jars come from Maven Central via bench/kafka/pom.xml; the resolved
# classpath is cached in bench/kafka/target/classpath.txt. Listens on 127.0.0.1 only.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
JAVA=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}

usage() {
  cat >&2 <<EOF
usage: $0 start DIR [PORT]              format DIR (once) and start the broker on 127.0.0.1:PORT
                                        (default 9092, or DIR's port; controller on PORT+1)
       $0 topic DIR NAME PARTITIONS     create a topic (replication factor 1)
       $0 stop DIR                      stop the broker (SIGTERM, SIGKILL after 30 s)
       $0 classpath                     print the Kafka classpath (e.g. for console tools)
env: JAVA (default \$JAVA_HOME/bin/java or java)
EOF
  exit 2
}
die() { echo "broker.sh: $*" >&2; exit 1; }

classpath() {
  local f=$HERE/target/classpath.txt
  if [[ ! -s $f || $HERE/pom.xml -nt $f ]] || ! ls $(tr ':' ' ' <"$f") >/dev/null 2>&1; then
    mkdir -p "$HERE/target"
    mvn -B -q -f "$HERE/pom.xml" dependency:build-classpath -Dmdep.outputFile="$f" >&2
  fi
  cat "$f"
}

# log4j2 config: INFO for the broker (into broker.log), WARN for the tools; always on stderr.
log4j() {
  [[ -f $1/log4j2.properties ]] || cat >"$1/log4j2.properties" <<'EOF'
appender.err.type = Console
appender.err.name = ERR
appender.err.target = SYSTEM_ERR
appender.err.layout.type = PatternLayout
appender.err.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = ${sys:bench.kafka.log.level:-WARN}
rootLogger.appenderRef.err.ref = ERR
EOF
}

alive() { [[ -f $1/broker.pid ]] && kill -0 "$(cat "$1/broker.pid")" 2>/dev/null; }

start() {
  local dir=$1 port=$2
  mkdir -p "$dir" && dir=$(cd "$dir" && pwd)
  [[ -n $port ]] || port=$(cat "$dir/port" 2>/dev/null || echo 9092)
  alive "$dir" && die "already running in $dir (pid $(cat "$dir/broker.pid"))"
  if [[ -f $dir/port && $(cat "$dir/port") != "$port" ]]; then
    die "$dir was formatted for port $(cat "$dir/port"); use a fresh DIR"
  fi
  local cp; cp=$(classpath)
  log4j "$dir"
  if [[ ! -f $dir/data/meta.properties ]]; then
    cat >"$dir/server.properties" <<EOF
process.roles=broker,controller
node.id=1
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$((port + 1))
advertised.listeners=PLAINTEXT://127.0.0.1:$port
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
controller.quorum.bootstrap.servers=127.0.0.1:$((port + 1))
log.dirs=$dir/data
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# topics are created on purpose (broker.sh topic): a misspelt name fails instead of making a new topic
auto.create.topics.enable=false
# no metric reporters at all (not even JMX); no client-telemetry receiver is configured
metric.reporters=
kafka.metrics.reporters=
EOF
    echo "$port" >"$dir/port"
    # = `kafka-storage random-uuid` (16 random bytes, base64url, no padding) without a 1.5 s JVM
    local cid; cid=$(head -c16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=' | sed 's/^-/A/')
    "$JAVA" -Xmx256m -cp "$cp" -Dlog4j2.configurationFile="$dir/log4j2.properties" \
      kafka.tools.StorageTool format --standalone --config "$dir/server.properties" \
      --cluster-id "$cid" >"$dir/format.log" 2>&1 \
      || { cat "$dir/format.log" >&2; die "storage format failed"; }
  fi
  rm -f "$dir/broker.pid"
  local t0=$SECONDS
  # setsid: own session, so the broker outlives the caller; the pid is java's (exec)
  setsid bash -c 'echo $$ >"$1/broker.pid"; shift; exec "$@"' _ "$dir" \
    "$JAVA" -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dbench.kafka.log.level=INFO -Dlog4j2.configurationFile="$dir/log4j2.properties" \
    -cp "$cp" kafka.Kafka "$dir/server.properties" </dev/null >"$dir/broker.log" 2>&1 &
  while ((SECONDS - t0 < 60)); do
    if grep -q 'Kafka Server started' "$dir/broker.log" 2>/dev/null \
      && (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "kafka broker on 127.0.0.1:$port (started in $((SECONDS - t0)) s, pid $(cat "$dir/broker.pid"))"
      return 0
    fi
    if [[ -f $dir/broker.pid ]] && ! alive "$dir"; then
      tail -n 30 "$dir/broker.log" >&2; die "broker exited during startup"
    fi
    sleep 0.1
  done
  tail -n 30 "$dir/broker.log" >&2; stop "$dir"; die "broker not ready after 60 s"
}

topic() {
  local dir=$1
  alive "$dir" || die "no broker running in $dir"
  "$JAVA" -Xmx256m -cp "$(classpath)" -Dlog4j2.configurationFile="$dir/log4j2.properties" \
    org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$(cat "$dir/port")" \
    --create --if-not-exists --topic "$2" --partitions "$3" --replication-factor 1
}

stop() {
  local dir=$1 pid
  alive "$dir" || { rm -f "$dir/broker.pid"; echo "not running"; return 0; }
  pid=$(cat "$dir/broker.pid")
  kill -TERM "$pid"
  for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then echo "SIGKILL $pid" >&2; kill -KILL "$pid"; fi
  rm -f "$dir/broker.pid"
  echo "kafka broker stopped"
}

case ${1:-} in
  start) [[ $# -ge 2 && $# -le 3 ]] || usage; start "$2" "${3:-}" ;;
  topic) [[ $# -eq 4 ]] || usage; topic "$2" "$3" "$4" ;;
  stop) [[ $# -eq 2 ]] || usage; stop "$2" ;;
  classpath) [[ $# -eq 1 ]] || usage; classpath ;;
  *) usage ;;
esac

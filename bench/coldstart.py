#!/usr/bin/env python3
"""One flowblast trial against a freshly started `flowsentry run`, showing where a cold start loses flows.

Prints the kernel's drop counter of the listener's port every 0.5 s (from /proc/net/udp), flowsentry's
records_total, handoff waits and batches (`status --json`), and the CPU seconds of each of the collector's threads
over the trial (from /proc/PID/task/*/stat), grouped by thread name: receive loops, detection, JIT
compilers, GC.

    python3 bench/coldstart.py v9 1000000 20                  # start, wait 1 s, 20 s of v9 at 1 M flows/s
    python3 bench/coldstart.py v9 1000000 20 --idle 15        # wait 15 s before the traffic instead
    python3 bench/coldstart.py v9 1000000 20 --preburst 50000 # 50,000 flows at 100 k/s, 3 s pause, then the trial
    python3 bench/coldstart.py v9 1000000 20 --config warm.yaml
    python3 bench/coldstart.py v9 2000000 20 --exe /tmp/old/flowsentry --java-opts=-XX:-TieredCompilation
    python3 bench/coldstart.py v9 500000 20 --worm 100000     # every flow outbound SMB from 100,000 sources

The last lines are one SUMMARY line (key=value, for scripts): CPU seconds over the trial in all, of the
receive loops, the detection thread and the JIT compilers (C2, C1; their share of the total), and the
CPU the process used before the traffic (start-up, warm-up, and the compiling it left for the idle wait).

Needs flowblast (built by ../shared/bench/bench.py into $BENCH_WORK, default /tmp/flowbench). Loopback only.
"""
import argparse
import glob
import json
import os
import shutil
import signal
import subprocess
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.environ.get("BENCH_WORK", "/tmp/flowbench")
HZ = os.sysconf("SC_CLK_TCK")


def java_pid(launcher):
    """The launcher execs java; fall back to a java child if it did not."""
    try:
        children = open(f"/proc/{launcher}/task/{launcher}/children").read().split()
    except OSError:
        children = []
    for pid in [launcher] + [int(c) for c in children]:
        try:
            if "java" in open(f"/proc/{pid}/comm").read():
                return pid
        except OSError:
            pass
    return launcher


def thread_ticks(pid):
    """{tid: (name, utime + stime)} of every thread of pid."""
    out = {}
    for task in glob.glob(f"/proc/{pid}/task/*"):
        try:
            stat = open(task + "/stat").read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        out[task.rsplit("/", 1)[1]] = (name, int(fields[11]) + int(fields[12]))
    return out


def port_drops(port):
    """Sum of the drop counters of every UDP socket bound to port (SO_REUSEPORT gives several)."""
    total = 0
    for path in ("/proc/net/udp", "/proc/net/udp6"):
        try:
            lines = open(path).read().split("\n")[1:]
        except OSError:
            continue
        for line in lines:
            f = line.split()
            if len(f) > 12 and f[1].endswith(f":{port:04X}"):
                total += int(f[-1])
    return total


def blast(proto, port, flows, rate, seed, extra=()):
    cmd = [f"{WORK}/flowblast", "--proto", proto, "--port", str(port), "--flows", str(flows), "--rate", str(rate),
           "--seed", str(seed), "--smb-permille", "10", "--sources", "1000", "--ipv6-permille", "0", *extra]
    return subprocess.run(cmd, capture_output=True, text=True).stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("proto", choices=["v5", "v9", "ipfix"])
    ap.add_argument("rate", type=int, help="flows per second")
    ap.add_argument("seconds", type=int)
    ap.add_argument("--idle", type=float, default=1.0, help="seconds between the bind and the traffic (1, as bench.py)")
    ap.add_argument("--preburst", type=int, default=0, help="flows sent at 100 k/s before the idle wait")
    ap.add_argument("--config", help="flowsentry configuration file")
    ap.add_argument("--worm", type=int, default=0, metavar="SOURCES",
                    help="the worm case of e2e.py: every flow outbound SMB, from this many sources")
    ap.add_argument("--port", type=int, default=47290)
    ap.add_argument("--exe", default=os.environ.get("FLOWSENTRY", os.path.join(ROOT, "flowsentry")),
                    help="flowsentry launcher (default $FLOWSENTRY, else ./flowsentry of this checkout)")
    ap.add_argument("--java-opts", default=None, help="JVM options for the launcher (FLOWSENTRY_JAVA_OPTS)")
    a = ap.parse_args()

    data = os.path.join(WORK, "run", "coldstart")
    shutil.rmtree(data, ignore_errors=True)
    os.makedirs(data)
    exe = a.exe
    env = dict(os.environ)
    if a.java_opts is not None:
        env["FLOWSENTRY_JAVA_OPTS"] = a.java_opts
    cmd = [exe, "run", "--listen", f"127.0.0.1:{a.port}", "--data-dir", data]
    if a.config:
        cmd += ["--config", a.config]
    log = open(data + ".log", "w")
    p = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
    deadline = time.time() + 120
    while f":{a.port:04X}" not in open("/proc/net/udp").read():
        if time.time() > deadline or p.poll() is not None:
            raise SystemExit(f"flowsentry did not bind; see {data}.log")
        time.sleep(0.1)
    pid = java_pid(p.pid)
    if a.preburst:
        blast(a.proto, a.port, a.preburst, 100_000, 9)
        time.sleep(3)
    time.sleep(a.idle)

    before, t0 = thread_ticks(pid), time.time()
    timeline, sampling = [], [True]

    def sample():
        while sampling[0]:
            timeline.append((round(time.time() - t0, 1), port_drops(a.port)))
            time.sleep(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    worm = ("--smb-permille", "1000", "--internal-smb-permille", "0", "--decoy-permille", "0",
            "--sources", str(a.worm)) if a.worm else ()
    out = blast(a.proto, a.port, a.rate * a.seconds, a.rate, 1, worm)
    time.sleep(2)  # drain
    sampling[0] = False
    after, t1 = thread_ticks(pid), time.time()
    status = subprocess.run([exe, "status", "--data-dir", data, "--json"], capture_output=True, text=True).stdout
    p.send_signal(signal.SIGTERM)
    p.wait(60)
    log.close()

    changes = [x for i, x in enumerate(timeline) if i == 0 or timeline[i - 1][1] != x[1]]
    print("kernel drops (seconds into the trial, datagrams so far):", changes)
    sent = dict(kv.split("=", 1) for kv in out.split() if "=" in kv)
    try:
        st = json.loads(status)
    except ValueError:
        st = {}
    print(f"flows sent {sent.get('flows_sent')} at {sent.get('achieved_flows_per_s')}/s; records_total "
          f"{st.get('records_total')}; handoff waits {st.get('handoff_waits_total')} "
          f"({st.get('handoff_wait_millis_total')} ms), {st.get('handoff_batches')} handoff batches made")
    by_name = {}
    for tid, (name, ticks) in after.items():
        key = name.rstrip("0123456789 #").strip() or name
        by_name[key] = by_name.get(key, 0) + ticks - before.get(tid, (name, 0))[1]
    total = sum(by_name.values())
    print(f"CPU {total / HZ:.2f} s over {t1 - t0:.1f} s:")
    for name, ticks in sorted(by_name.items(), key=lambda x: -x[1]):
        if ticks:
            print(f"  {name:24s} {ticks / HZ:6.2f} s")
    with open(data + ".log") as f:
        for line in f:
            if "warmed up" in line:
                print(line.strip())

    def group(prefix):
        return sum(t for n, t in by_name.items() if n.startswith(prefix)) / HZ

    c2, c1 = group("C2 Compiler"), group("C1 Compiler")
    summary = {"total": total / HZ, "receive": group("flowsentry-udp"), "detection": group("flowsentry-dete"),
               "jit": c2 + c1, "c2": c2, "c1": c1, "jit_share": (c2 + c1) / (total / HZ) if total else 0,
               "startup": sum(t for _, t in before.values()) / HZ,
               "drops": timeline[-1][1] if timeline else None, "records": st.get("records_total"),
               "sent": sent.get("flows_sent")}
    print("SUMMARY " + " ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in summary.items()))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""End-to-end benchmarks of `flowsentry run` with ../shared/bench/flowblast, beside nfcapd and nfacctd.

Run from the repository root (the layout CI uses: ../shared next to it). Every sender targets 127.0.0.1
only, every run has a time limit. Results are appended to $BENCH_WORK/results.jsonl (default
$TMPDIR/flowbench) by the shared driver; this script prints a summary line per measurement.

  python3 bench/e2e.py search  --proto v9 [--collectors flowsentry,nfacctd,nfcapd] [--reps 3 --steps 4]
      highest lossless rate (loss < 0.1%, 20 s trials, median of reps), as the shared README does
  python3 bench/e2e.py cpu     --proto v9 --rate 2000000 [--collectors flowsentry,nfacctd,nfcapd] [--reps 3]
      collector CPU-seconds per million flows at a fixed rate, side by side in one run
  python3 bench/e2e.py worm    --rate 3000000 [--sources 100000] [--duration 20] [--front-sources N]
      every flow is outbound SMB from 100,000 sources: loss, and the detection against flowblast's truth;
      --front-sources sets store.front_sources through a configuration file
  python3 bench/e2e.py scaleout --rate 200000 [--sources 20000] [--workers 2] [--partitions 4]
      the worm through the Kafka scale-out: a local single-node broker (bench/kafka/broker.sh), one
      forwarder, --workers detect workers; every source in exactly one worker's map, with flowblast's counts;
      --kill-worker-at S: SIGKILL worker 0 S seconds into the worm and start it again (at least once: no
      flow lost, those of its last uncommitted second counted twice)
"""
import argparse, json, os, re, shutil, signal, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED_BENCH = os.path.join(os.path.dirname(ROOT), "shared", "bench")
sys.path.insert(0, SHARED_BENCH)
import bench  # noqa: E402  (the shared driver: trial(), search(), flowblast build, CPU accounting)

CEILING = {"v5": 6.96e6, "v9": 6.58e6, "ipfix": 5.64e6}  # one-sender ceilings, ../shared/bench/README.md


def ensure_built():
    if not os.path.exists(os.path.join(ROOT, "cli", "target", "flowsentry-cli.jar")):
        subprocess.run(["mvn", "-B", "-q", "-DskipTests", "package"], cwd=ROOT, check=True)
    bench.build_tools()


def cmd_search(a):
    for kind in a.collectors.split(","):
        s = bench.search(kind, a.proto, a.start, reps=a.reps, steps=a.steps, duration=a.duration, port=a.port)
        med = s.get("median") or s.get("rate")
        print(f"RESULT search {kind} {a.proto}: median max lossless {med} flows/s "
              f"({(med or 0) / CEILING[a.proto]:.2f} of ceiling), cpu {s.get('cpu_median')}%", flush=True)


def heap_peak(log_path):
    """flowsentry logs its heap high-water mark when it stops: 'heap peak N MiB used, M MiB committed'."""
    try:
        with open(log_path) as f:
            m = re.findall(r"heap peak (\d+) MiB used, (\d+) MiB committed", f.read())
    except OSError:
        return None
    return {"heap_peak_used_mib": int(m[-1][0]), "heap_peak_committed_mib": int(m[-1][1])} if m else None


def cmd_cpu(a):
    per = {}
    for rep in range(a.reps):
        for kind in a.collectors.split(","):
            r = bench.trial(kind, a.proto, a.rate, a.duration, a.port, seed=300 + rep, note="cpu")
            # The driver's percentages are of the generator's wall time, which runs past --duration when the
            # generator falls behind its rate: back to CPU seconds with that same window.
            window = r["flows_sent"] / r["achieved_flows_per_s"] if r["achieved_flows_per_s"] else a.duration
            secs = r["collector_cpu_pct_incl_drain"] / 100.0 * window
            mflows = r["flows_sent"] / 1e6
            row = {"cpu_s_per_mflow": secs / mflows if mflows else None, "cpu_s": round(secs, 2),
                   "window_s": round(window, 1), "loss": r["loss"], "pass": r["pass"],
                   "peak_rss_kb": (r.get("extra") or {}).get("peak_rss_kb")}
            if kind == "flowsentry":
                row["heap"] = heap_peak(os.path.join(bench.B, "run", "flowsentry.log"))
            per.setdefault(kind, []).append(row)
    for kind, rows in per.items():
        vals = [x["cpu_s_per_mflow"] for x in rows if x["cpu_s_per_mflow"]]
        print(f"RESULT cpu {kind} {a.proto} @ {a.rate} flows/s: median {statistics.median(vals):.3f} "
              f"CPU-s per million flows over {len(vals)} runs; runs {rows}", flush=True)


def cmd_worm(a):
    """flowsentry alone: every flow outbound SMB; detection checked against flowblast's truth file."""
    work = bench.B
    data = os.path.join(work, "run", "flowsentry-worm")
    shutil.rmtree(data, ignore_errors=True)
    os.makedirs(data)
    truth = os.path.join(work, "worm-truth.txt")
    exe = os.path.join(ROOT, "flowsentry")
    log = open(os.path.join(work, "run", "flowsentry-worm.log"), "w")
    config = []
    if a.front_sources:
        cfg = os.path.join(work, "run", "flowsentry-worm.yaml")
        with open(cfg, "w") as f:
            f.write(f"store: {{front_sources: {a.front_sources}}}\n")
        config = ["--config", cfg]
    p = subprocess.Popen([exe, "run"] + config + ["--listen", f"127.0.0.1:{a.port}", "--data-dir", data],
                         stdout=log, stderr=subprocess.STDOUT)
    try:
        if not bench.wait_bound(a.port, 60):
            raise SystemExit("flowsentry did not bind")
        time.sleep(1.0)
        pids = bench.tree(p.pid)
        c0, t0 = bench.tree_ticks(pids), time.time()
        fb = subprocess.run([f"{work}/flowblast", "--proto", a.proto, "--port", str(a.port),
                             "--flows", str(int(a.rate * a.duration)), "--rate", str(a.rate), "--seed", "7",
                             "--smb-permille", "1000", "--internal-smb-permille", "0", "--decoy-permille", "0",
                             "--sources", str(a.sources), "--ipv6-permille", "0", "--truth-file", truth,
                             "--max-seconds", str(a.duration * 2 + 5)], capture_output=True, text=True).stdout
        t1 = time.time()
        sent = bench.kv(fb)
        last, still = bench.tree_ticks(pids), 0
        while still < 3 and time.time() < t1 + 90:  # drain: until the collector stops burning CPU
            time.sleep(0.5)
            now = bench.tree_ticks(pids)
            still = still + 1 if now - last <= 1 else 0
            last = now
        cpu = (bench.tree_ticks(pids) - c0) / bench.HZ
        st = json.loads(subprocess.run([exe, "status", "--data-dir", data, "--json"], capture_output=True,
                                       text=True, timeout=60).stdout)
        hwm = 0
        for pid in bench.tree(p.pid):
            try:
                with open(f"/proc/{pid}/status") as f:
                    hwm = max([hwm] + [int(l.split()[1]) for l in f if l.startswith("VmHWM:")])
            except OSError:
                pass
        time.sleep(2)  # early rows go out on the next detection tick (250 ms)
        src_json = subprocess.run([exe, "sources", "--data-dir", data, "--top", "0", "--json"],
                                  capture_output=True, text=True, timeout=300).stdout
    finally:
        bench.stop(p, signal.SIGTERM)
        log.close()
    heap = heap_peak(os.path.join(work, "run", "flowsentry-worm.log"))
    want = {}
    with open(truth) as f:
        for line in f:
            if line.startswith("#"):
                continue
            src, n = line.split()
            want[src] = want.get(src, 0) + int(n)
    got = {}
    for line in src_json.splitlines():
        row = json.loads(line)
        got[row["src_ip"]] = got.get(row["src_ip"], 0) + int(row["count"])
    early = set()
    ddir = os.path.join(data, "detections")
    for name in os.listdir(ddir) if os.path.isdir(ddir) else []:
        with open(os.path.join(ddir, name)) as f:
            for line in f:
                row = json.loads(line)
                if row.get("kind") == "early":
                    early.add(row["src_ip"])
    flows = int(sent.get("flows_sent", 0))
    rec = int(st.get("records_total", 0))
    result = {"proto": a.proto, "rate": a.rate, "achieved": float(sent.get("achieved_flows_per_s", 0)),
              "flows_sent": flows, "records_total": rec, "loss": 1 - rec / flows if flows else None,
              "smb_outbound_sources": int(sent.get("smb_outbound_sources", 0)), "sources_in_map": len(got),
              "early_row_sources": len(early), "sources_match_truth": set(got) == set(want),
              "counts_match_truth": got == want, "early_match_truth": early == set(want),
              "cpu_s": round(cpu, 2), "cpu_pct": round(cpu / (t1 - t0) * 100, 1), "peak_rss_kb": hwm,
              "heap": heap}
    with open(os.path.join(work, "worm.jsonl"), "a") as f:
        f.write(json.dumps(result) + "\n")
    print("RESULT worm " + json.dumps(result), flush=True)
    shutil.rmtree(data, ignore_errors=True)


def flowsentry_json(exe, cmd, data):
    out = subprocess.run([exe] + cmd + ["--data-dir", data, "--json"], capture_output=True, text=True,
                         timeout=300).stdout
    return [json.loads(l) for l in out.splitlines() if l.strip()]


def status_json(exe, data):
    """`flowsentry status --json`, or {} while the collector is not answering (starting, restarting)."""
    try:
        return json.loads(subprocess.run([exe, "status", "--data-dir", data, "--json"], capture_output=True,
                                         text=True, timeout=60).stdout)
    except (ValueError, subprocess.TimeoutExpired):
        return {}


def cmd_scaleout(a):
    """The worm through Kafka: forwarder -> topic (partitioned by source) -> detect workers."""
    work = os.path.join(bench.B, "run", "scaleout")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    broker_dir, kport = os.path.join(work, "kafka"), a.kafka_port
    broker = os.path.join(ROOT, "bench", "kafka", "broker.sh")
    exe = os.path.join(ROOT, "flowsentry")
    truth = os.path.join(work, "worm-truth.txt")
    subprocess.run([broker, "start", broker_dir, str(kport)], check=True)
    procs, logs = [], []
    try:
        subprocess.run([broker, "topic", broker_dir, "flowsentry.matches", str(a.partitions)], check=True)
        kafka = ["--kafka-bootstrap", f"127.0.0.1:{kport}"]

        def start(name, extra):
            log = open(os.path.join(work, name + ".log"), "a")
            logs.append(log)
            data = os.path.join(work, name)
            # No metrics endpoint: several collectors on one machine would share its port. Static group
            # membership: a worker started again gets its partitions back at once.
            cfg = os.path.join(work, name + ".yaml")
            with open(cfg, "w") as f:
                f.write("metrics: {listen: null}\nkafka: {instance_id: %s}\n" % name)
            p = subprocess.Popen([exe, "run", "--config", cfg, "--data-dir", data] + kafka + extra,
                                 stdout=log, stderr=subprocess.STDOUT)
            procs.append(p)
            return data

        workers = [start(f"worker-{i}", ["--kafka-role", "detect"]) for i in range(a.workers)]
        fwd = start("forwarder", ["--kafka-role", "forward", "--listen", f"127.0.0.1:{a.port}"])
        if not bench.wait_bound(a.port, 90):
            raise SystemExit("the forwarder did not bind")
        deadline = time.time() + 60
        while time.time() < deadline:  # every worker owns its partitions before the worm starts
            st = [status_json(exe, w) for w in workers]
            if sum(s.get("kafka", {}).get("partitions", 0) for s in st) == a.partitions:
                break
            time.sleep(1)
        with open(os.path.join(broker_dir, "broker.pid")) as f:
            broker_pid = int(f.read())
        roles = {"forwarder": [procs[-1].pid], "workers": [p.pid for p in procs[:-1]], "broker": [broker_pid]}
        if a.kill_worker_at > 0:
            roles["workers"] = [p.pid for p in procs[1:-1]]  # worker 0 is killed and started again
        trees = {k: [q for pid in v for q in bench.tree(pid)] for k, v in roles.items()}
        ticks0 = {k: bench.tree_ticks(v) for k, v in trees.items()}
        t0 = time.time()
        fbp = subprocess.Popen([f"{bench.B}/flowblast", "--proto", a.proto, "--port", str(a.port),
                                "--flows", str(int(a.rate * a.duration)), "--rate", str(a.rate), "--seed", "7",
                                "--smb-permille", "1000", "--internal-smb-permille", "0", "--decoy-permille", "0",
                                "--sources", str(a.sources), "--ipv6-permille", "0", "--truth-file", truth,
                                "--max-seconds", str(a.duration * 2 + 5)], stdout=subprocess.PIPE, text=True)
        killed = None
        if a.kill_worker_at > 0:  # SIGKILL worker 0 mid-worm and start it again on the same data
            time.sleep(a.kill_worker_at)
            for pid in bench.tree(procs[0].pid):
                os.kill(pid, signal.SIGKILL)
            procs[0].wait()
            killed = round(time.time() - t0, 1)
            procs[0] = subprocess.Popen(procs[0].args, stdout=logs[0], stderr=subprocess.STDOUT)
        sent = bench.kv(fbp.communicate()[0])
        flows = int(sent.get("flows_sent", 0))
        # Drain: until every worker answers and their reads stop changing (each flushes once a second).
        last, still, deadline = -1, 0, time.time() + 180
        while still < 3 and time.time() < deadline:
            time.sleep(1)
            st = [status_json(exe, w) for w in workers]
            settled = all(st) and sum(x.get("kafka", {}).get("partitions", 0) for x in st) == a.partitions
            now = -2 if not settled else sum(x.get("kafka", {}).get("consumed", 0) for x in st)
            still = still + 1 if now == last else 0
            last = now
        cpu = {k: round((bench.tree_ticks(v) - ticks0[k]) / bench.HZ, 2) for k, v in trees.items()}
        fst = status_json(exe, fwd)
        wst = [status_json(exe, w) for w in workers]
        time.sleep(2)
        per_worker = [flowsentry_json(exe, ["sources", "--top", "0"], w) for w in workers]
        elapsed = time.time() - t0
    finally:
        for p in reversed(procs):
            bench.stop(p, signal.SIGTERM)
        for log in logs:
            log.close()
        subprocess.run([broker, "stop", broker_dir])
    want = {}
    with open(truth) as f:
        for line in f:
            if not line.startswith("#"):
                src, n = line.split()
                want[src] = want.get(src, 0) + int(n)
    got, owners = {}, {}
    for i, rows in enumerate(per_worker):
        for row in rows:
            got[row["src_ip"]] = got.get(row["src_ip"], 0) + int(row["count"])
            owners.setdefault(row["src_ip"], set()).add(i)
    early = set()
    for w in workers:
        ddir = os.path.join(w, "detections")
        for name in os.listdir(ddir) if os.path.isdir(ddir) else []:
            with open(os.path.join(ddir, name)) as f:
                early.update(json.loads(l)["src_ip"] for l in f if '"kind":"early"' in l.replace(" ", ""))
    fk = fst.get("kafka", {})
    result = {"proto": a.proto, "rate": a.rate, "achieved": float(sent.get("achieved_flows_per_s", 0)),
              "flows_sent": flows, "forwarder_records": fst.get("records_total"),
              "forwarder_kernel_drops": fst.get("kernel_drops_total"),
              "kafka_flows_sent": fk.get("flows_sent"), "kafka_send_failures": fk.get("send_failures"),
              "workers": [{"partitions": s["kafka"]["partitions"], "consumed": s["kafka"]["consumed"],
                           "malformed": s["kafka"]["malformed"], "matched_records": s.get("records_total"),
                           "sources": len(r)} for s, r in zip(wst, per_worker)],
              "smb_outbound_sources": int(sent.get("smb_outbound_sources", 0)), "sources_in_maps": len(got),
              "sources_in_one_worker_only": all(len(o) == 1 for o in owners.values()),
              "sources_match_truth": set(got) == set(want), "counts_match_truth": got == want,
              "counts_at_least_truth": all(got.get(k, 0) >= n for k, n in want.items()),
              "flows_counted_twice": sum(got.values()) - sum(want.values()), "worker_killed_at_s": killed,
              "early_match_truth": early == set(want), "seconds": round(elapsed, 1),
              "cpu_s": cpu, "cpu_s_per_mflow": {k: round(v / (flows / 1e6), 3) for k, v in cpu.items()} if flows else None}
    print("RESULT scaleout " + json.dumps(result), flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name in ("search", "cpu", "worm", "scaleout"):
        s = sub.add_parser(name)
        s.add_argument("--proto", default="v9", choices=["v5", "v9", "ipfix"])
        s.add_argument("--port", type=int, default=47210)
        s.add_argument("--duration", type=int, default=20)
        s.add_argument("--collectors", default="flowsentry,nfacctd,nfcapd")
        s.add_argument("--reps", type=int, default=3)
        s.add_argument("--steps", type=int, default=4)
        s.add_argument("--start", type=int, default=1000000)
        s.add_argument("--rate", type=int, default=2000000)
        s.add_argument("--sources", type=int, default=100000)
        s.add_argument("--workers", type=int, default=2)
        s.add_argument("--partitions", type=int, default=4)
        s.add_argument("--kafka-port", type=int, default=19092)
        s.add_argument("--kill-worker-at", type=float, default=0)
        s.add_argument("--front-sources", type=int, default=0, help="worm: store.front_sources (default: flowsentry's)")
    a = ap.parse_args()
    os.chdir(ROOT)  # the shared driver starts ./flowsentry
    ensure_built()
    {"search": cmd_search, "cpu": cmd_cpu, "worm": cmd_worm, "scaleout": cmd_scaleout}[a.cmd](a)


if __name__ == "__main__":
    main()

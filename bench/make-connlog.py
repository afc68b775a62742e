#!/usr/bin/env python3
"""Writes a deterministic synthetic Zeek conn.log for benchmarks.

    bench/make-connlog.py [--lines N] [--format tsv|json] [--seed S] OUTPUT

TSV is Zeek's ASCII writer layout (header, 21 columns of Zeek 6/7, #close); JSON is one object per
line as LogAscii::use_json=T writes it (unset fields absent). The same seed gives the same bytes.
Default: 2,000,000 lines, about 264 MB of TSV. About 1 line in 40 goes to port 445 or 139, 1 in 20
is IPv6.
"""
import argparse
import json
import random

SERVICES = ["-", "-", "-", "dns", "dns", "ssl", "ssl", "http", "ntp", "gssapi,smb", "smb", "dce_rpc,gssapi,smb,krb", "quic,ssl"]
STATES = ["SF", "SF", "SF", "SF", "S0", "S0", "REJ", "RSTO", "RSTR", "S1", "SH", "OTH", "RSTOS0"]
HISTORIES = ["ShADadFf", "ShADadfF", "D", "Dd", "S", "ShR", "ShADdaFf", "^dA", "ShADadR"]
UID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
FIELDS = ["ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto", "service", "duration",
          "orig_bytes", "resp_bytes", "conn_state", "local_orig", "local_resp", "missed_bytes", "history",
          "orig_pkts", "orig_ip_bytes", "resp_pkts", "resp_ip_bytes", "tunnel_parents"]
TYPES = ["time", "string", "addr", "port", "addr", "port", "enum", "string", "interval", "count", "count",
         "string", "bool", "bool", "count", "string", "count", "count", "count", "count", "set[string]"]


def row(rng, i):
    ts = 1_764_000_000.0 + i * 0.0017 + rng.random() * 0.001
    uid = "C" + "".join(rng.choice(UID_CHARS) for _ in range(17))
    if rng.random() < 0.05:
        orig = "2001:db8:%x::%x" % (rng.randrange(65536), rng.randrange(65536))
        resp = "2a00:1450:%x::%x" % (rng.randrange(65536), rng.randrange(65536))
    else:
        orig = "10.%d.%d.%d" % (rng.randrange(256), rng.randrange(256), rng.randrange(1, 255))
        resp = "%d.%d.%d.%d" % (rng.choice([8, 52, 104, 142, 172, 192, 203]), rng.randrange(256), rng.randrange(256), rng.randrange(1, 255))
    r = rng.random()
    if r < 0.02:
        resp_p = 445
    elif r < 0.025:
        resp_p = 139
    else:
        resp_p = rng.choice([53, 443, 443, 443, 80, 123, 22, 8080, 3389, rng.randrange(1024, 65536)])
    proto = "udp" if resp_p in (53, 123) else "tcp"
    state = rng.choice(STATES)
    unset_sizes = state in ("S0", "REJ", "OTH")
    orig_pkts = rng.randrange(1, 40)
    resp_pkts = 0 if unset_sizes else rng.randrange(1, 60)
    orig_bytes = 0 if unset_sizes else rng.randrange(0, 20000)
    resp_bytes = 0 if unset_sizes else rng.randrange(0, 200000)
    return {
        "ts": "%.6f" % ts, "uid": uid, "id.orig_h": orig, "id.orig_p": rng.randrange(1024, 65536),
        "id.resp_h": resp, "id.resp_p": resp_p, "proto": proto, "service": rng.choice(SERVICES),
        "duration": None if unset_sizes else "%.6f" % (rng.random() * 30),
        "orig_bytes": None if unset_sizes else orig_bytes, "resp_bytes": None if unset_sizes else resp_bytes,
        "conn_state": state, "local_orig": "T", "local_resp": "F", "missed_bytes": 0,
        "history": rng.choice(HISTORIES), "orig_pkts": orig_pkts, "orig_ip_bytes": orig_bytes + 40 * orig_pkts,
        "resp_pkts": resp_pkts, "resp_ip_bytes": resp_bytes + 40 * resp_pkts, "tunnel_parents": None,
    }


def tsv_line(d):
    out = []
    for f in FIELDS:
        v = d[f]
        out.append("-" if v is None or v == "-" else str(v))
    return "\t".join(out) + "\n"


def json_line(d):
    o = {}
    for f in FIELDS:
        v = d[f]
        if v is None or v == "-":
            continue
        if f in ("ts", "duration"):
            v = float(v)
        elif f in ("local_orig", "local_resp"):
            v = v == "T"
        o[f] = v
    return json.dumps(o, separators=(",", ":")) + "\n"


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("output")
    p.add_argument("--lines", type=int, default=2_000_000)
    p.add_argument("--format", choices=["tsv", "json"], default="tsv")
    p.add_argument("--seed", type=int, default=445)
    a = p.parse_args()
    rng = random.Random(a.seed)
    with open(a.output, "w", encoding="ascii", newline="\n") as f:
        if a.format == "tsv":
            f.write("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n")
            f.write("#open\t2025-11-24-16-00-00\n#fields\t" + "\t".join(FIELDS) + "\n#types\t" + "\t".join(TYPES) + "\n")
        for i in range(a.lines):
            d = row(rng, i)
            f.write(tsv_line(d) if a.format == "tsv" else json_line(d))
        if a.format == "tsv":
            f.write("#close\t2025-11-24-17-00-00\n")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Uncommon traps and compile time from a HotSpot -XX:+LogCompilation file, after a given second of the JVM.

  python3 bench/jittraps.py LOG [AFTER_SECONDS]

Run the collector with --java-opts="-XX:+UnlockDiagnosticVMOptions -XX:+LogCompilation -XX:LogFile=LOG" (for
example through bench/coldstart.py) and pass the JVM second at which the listeners bound. Each trap after it
(first occurrence per method and bytecode index) is a branch or receiver type the compiled code had never
seen: the code goes back to the interpreter until it is compiled again. The compile time after it is what
the JIT still did during the trial, per second and the longest tasks.
"""
import collections, re, sys

TRAP = re.compile(r"<uncommon_trap thread='\d+' reason='([^']+)' action='([^']+)'[^>]*?stamp='([\d.]+)'>\s*"
                  r"<jvms bci='(\d+)' method='([^']+)'")
TASK = re.compile(r"<task (?:[^>]*?)compile_id='(\d+)'(?:[^>]*?)method='([^']+)'(?:[^>]*?)stamp='([\d.]+)'[^>]*>"
                  r"(.*?)<task_done[^>]*?stamp='([\d.]+)'", re.S)


def main():
    text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
    after = float(sys.argv[2]) if len(sys.argv) > 2 else 0.0
    seen = set()
    for m in TRAP.finditer(text):
        stamp, method, bci = float(m.group(3)), m.group(5), m.group(4)
        if stamp > after and (method, bci) not in seen:
            seen.add((method, bci))
            print(f"trap {stamp:.3f} {m.group(1)} {m.group(2)} {method[:130]} bci {bci}")
    tasks = [(float(m.group(3)), float(m.group(5)) - float(m.group(3)), m.group(2)[:110]) for m in TASK.finditer(text)]
    later = [t for t in tasks if t[0] > after]
    per_second = collections.Counter()
    for start, took, _ in later:
        per_second[int(start)] += took
    print(f"compile seconds after {after}: {sum(t[1] for t in later):.2f}; by second",
          sorted((s, round(v, 2)) for s, v in per_second.items() if v >= 0.01))
    for start, took, method in sorted(later, key=lambda t: -t[1])[:12]:
        print(f"  {start:.2f} {took:.3f} {method}")


if __name__ == "__main__":
    main()

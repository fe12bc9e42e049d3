#!/usr/bin/env python3
"""The tail of a run's fault phase, from its history.jsonl: how many operations, their p90/p99/slowest latency,
how many took more than 4.5 s, and how many attempts they needed (a third attempt means the order was answered
"unknown" by one gateway and then got no answer from another).

    bench/fault-tail.py RUN_DIR [RUN_DIR ...]     # a run directory, or an --out root holding <scenario>/latest
"""
import collections
import glob
import json
import os
import sys


def run_dirs(path):
    if os.path.exists(os.path.join(path, "report.json")):
        return [path]
    found = sorted(glob.glob(os.path.join(path, "*", "latest")))
    if not found:
        sys.exit(f"{path}: neither a run directory nor an --out root with <scenario>/latest in it")
    return found


for d in [d for arg in sys.argv[1:] for d in run_dirs(arg)]:
    arg = d
    report = json.load(open(os.path.join(d, "report.json")))
    history = [json.loads(line) for line in open(os.path.join(d, "history.jsonl"))]
    start = min(f["startSecond"] for f in report["faults"])
    end = max(f["endSecond"] for f in report["faults"])
    t0 = min(op["intendedMicros"] for op in history)
    fault = [op for op in history
             if "latencyMicros" in op and start * 1e6 <= op["intendedMicros"] - t0 < end * 1e6]
    lat = sorted(op["latencyMicros"] / 1000 for op in fault)
    if not lat:
        print(f"{arg}: no operations in the fault phase")
        continue
    over = sum(1 for x in lat if x > 4500)
    attempts = dict(sorted(collections.Counter(op["attempts"] for op in fault).items()))
    print(f"{arg} {report['verdict']} ops={len(lat)} p90={lat[int(0.9 * len(lat))]:.0f}ms "
          f"p99={lat[int(0.99 * len(lat))]:.0f}ms slowest={lat[-1]:.0f}ms over4.5s={over} attempts={attempts}")

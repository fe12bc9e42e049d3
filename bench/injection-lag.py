#!/usr/bin/env python3
"""How late each fault of a run took effect: report.json's faults[].startSecond (every part applied: the signals
sent, the toxics accepted) less faults[].dueSecond (the timeline's offset), in milliseconds, and a summary per fault
type over every run given.

    bench/injection-lag.py RUN_DIR [RUN_DIR ...]     # a run directory, or an --out root holding <scenario>/*
"""
import collections
import glob
import json
import os
import sys


def run_dirs(path):
    if os.path.exists(os.path.join(path, "report.json")):
        return [path]
    found = sorted(d for d in glob.glob(os.path.join(path, "*", "*"))
                   if not d.endswith("latest") and os.path.exists(os.path.join(d, "report.json")))
    if not found:
        sys.exit(f"{path}: neither a run directory nor an --out root with <scenario>/<run> in it")
    return found


by_type = collections.defaultdict(list)
for d in [d for arg in sys.argv[1:] for d in run_dirs(arg)]:
    report = json.load(open(os.path.join(d, "report.json")))
    for f in report["faults"]:
        if f.get("dueSecond") is None or f.get("error"):
            continue
        lag = (f["startSecond"] - f["dueSecond"]) * 1000
        by_type[f["type"]].append(lag)
        print(f"{report['scenario']['name']:18} {f['type']:10} due {f['dueSecond']:6.1f}s lag {lag:5.0f} ms  {f['name']}")
print()
for t, lags in sorted(by_type.items()):
    lags.sort()
    print(f"{t:10} n={len(lags):3} median {lags[len(lags) // 2]:4.0f} ms  max {lags[-1]:4.0f} ms")

#!/usr/bin/env python3
"""Prints a Markdown table from a JMH JSON result file: score, error, allocation per operation,
and the ratio to the baseline measured in the same run (the method whose name starts with
'baseline' in the same class and parameters)."""
import json
import sys
from collections import defaultdict


def main(path):
    rows = json.load(open(path))
    groups = defaultdict(list)
    for r in rows:
        cls, method = r["benchmark"].rsplit(".", 1)
        params = ", ".join(f"{k}={v}" for k, v in sorted((r.get("params") or {}).items()))
        alloc = (r.get("secondaryMetrics") or {}).get("·gc.alloc.rate.norm") \
            or (r.get("secondaryMetrics") or {}).get("gc.alloc.rate.norm")
        groups[(cls.rsplit(".", 1)[-1], params)].append({
            "method": method,
            "score": r["primaryMetric"]["score"],
            "error": r["primaryMetric"]["scoreError"],
            "unit": r["primaryMetric"]["scoreUnit"],
            "threads": r.get("threads", 1),
            "alloc": alloc["score"] if alloc else None,
        })
    print("| benchmark | params | score | ± error | B/op | ratio to baseline |")
    print("|---|---|---:|---:|---:|---:|")
    for (cls, params), items in sorted(groups.items()):
        base = next((i for i in items if i["method"].startswith("baseline")), None)
        for i in sorted(items, key=lambda x: x["score"]):
            ratio = f"{i['score'] / base['score']:.2f}x" if base else "n/a"
            alloc = "" if i["alloc"] is None else f"{i['alloc']:.0f}"
            threads = f" ({i['threads']} threads)" if i["threads"] != 1 else ""
            print(f"| {cls}.{i['method']}{threads} | {params} | {i['score']:.1f} {i['unit']} "
                  f"| {i['error']:.1f} | {alloc} | {ratio} |")


if __name__ == "__main__":
    main(sys.argv[1])

#!/usr/bin/env python3
"""Prints Markdown tables from a JMH JSON result file.

  table.py RESULT.json            the baseline table (below), then, if the file holds
                                  PeerBenchmark results, the peer comparison
  table.py --peers RESULT.json    the peer comparison only

Baseline table: score, error, allocation per operation, and the ratio to the baseline measured
in the same run (the method whose name starts with 'baseline' in the same class and parameters).

Peer comparison: per scenario, each engine's time per decision as a ratio to Toolgate cached and
to the ConcurrentHashMap.get floor, allocation per decision, the two-thread throughput of the
cached paths, how Toolgate's uncached decision grows with the number of grants, and the goals of
issue 8, each marked met or missed."""
import json
import sys
from collections import defaultdict

PEER_CLASS = "PeerBenchmark"
SCENARIOS = ["whitelist", "rbacSmall", "rbacLarge", "abac", "delegation"]
ENGINES = [  # (method, label)
    ("baselineConcurrentHashMapGet", "ConcurrentHashMap.get (floor)"),
    ("toolgateCached", "Toolgate cached"),
    ("toolgateUncached", "Toolgate uncached"),
    ("toolgateCelCached", "Toolgate cached, CEL rule"),
    ("toolgateCelUncached", "Toolgate uncached, CEL rule"),
    ("shiro", "Shiro WildcardPermission"),
    ("jcasbinCached", "jCasbin SyncedCachedEnforcer"),
    ("jcasbin", "jCasbin Enforcer"),
    ("sapl", "SAPL embedded PDP"),
    ("cedar", "cedar-java"),
]
THREADS2 = [
    ("baselineConcurrentHashMapGetThreads2", "ConcurrentHashMap.get (floor)"),
    ("toolgateCachedThreads2", "Toolgate cached"),
    ("jcasbinCachedThreads2", "jCasbin SyncedCachedEnforcer"),
]
NOTES = {
    "abac": "Toolgate's argument condition two ways: a benchmark `PolicyModule` on core's SPI "
            "(`allowIf(amount <= 1000)`, rows Toolgate cached/uncached) and a `toolgate-abac` CEL "
            "rule (`args.amount <= 1000`, rows marked CEL rule).",
    "delegation": "jCasbin, Cedar and SAPL cannot delegate: they answer for one subject holding "
                  "the chain's intersection, computed once by the adapter; Toolgate checks each hop.",
    "rbacLarge": "SAPL has no role hierarchy: subscriptions carry the effective roles, resolved beforehand.",
    "rbacSmall": "SAPL has no role hierarchy: subscriptions carry the effective roles, resolved beforehand.",
}


def alloc_of(r):
    m = r.get("secondaryMetrics") or {}
    a = m.get("·gc.alloc.rate.norm") or m.get("gc.alloc.rate.norm")
    return a["score"] if a else None


def baseline_table(rows):
    groups = defaultdict(list)
    for r in rows:
        cls, method = r["benchmark"].rsplit(".", 1)
        params = ", ".join(f"{k}={v}" for k, v in sorted((r.get("params") or {}).items()))
        groups[(cls.rsplit(".", 1)[-1], params)].append({
            "method": method,
            "score": r["primaryMetric"]["score"],
            "error": float(r["primaryMetric"]["scoreError"]),
            "unit": r["primaryMetric"]["scoreUnit"],
            "threads": r.get("threads", 1),
            "alloc": alloc_of(r),
        })
    print("| benchmark | params | score | ± error | B/op | ratio to baseline |")
    print("|---|---|---:|---:|---:|---:|")
    for (cls, params), items in sorted(groups.items()):
        base = next((i for i in items if i["method"].startswith("baseline") and i["threads"] == 1), None)
        for i in sorted(items, key=lambda x: x["score"]):
            # A ratio only between like units: a build in ms next to a decision in ns means nothing.
            ratio = f"{i['score'] / base['score']:.2f}x" if base and base["unit"] == i["unit"] else "n/a"
            alloc = "" if i["alloc"] is None else f"{i['alloc']:.0f}"
            threads = f" ({i['threads']} threads)" if i["threads"] != 1 else ""
            print(f"| {cls}.{i['method']}{threads} | {params} | {i['score']:.1f} {i['unit']} "
                  f"| {i['error']:.1f} | {alloc} | {ratio} |")


def ns(score, unit):
    scale = {"ns/op": 1, "us/op": 1e3, "ms/op": 1e6, "s/op": 1e9}
    return float(score) * scale[unit]


def fmt_time(v):
    if v != v:  # NaN: JMH gives no error below three iterations
        return "n/a"
    if v >= 1e6:
        return f"{v / 1e6:.1f} ms"
    if v >= 1e3:
        return f"{v / 1e3:.1f} µs"
    return f"{v:.1f} ns"


def fmt_ratio(x):
    if x >= 100:
        return f"{x:,.0f}x"
    if x >= 10:
        return f"{x:.1f}x"
    return f"{x:.2f}x"


def peers_table(rows):
    res = {}
    for r in rows:
        cls, method = r["benchmark"].rsplit(".", 1)
        if not cls.endswith(PEER_CLASS):
            continue
        p = r.get("params") or {}
        key = p.get("scenario") or ("grants=" + p["grants"] if "grants" in p else "")
        res[(method, key)] = {
            "ns": ns(r["primaryMetric"]["score"], r["primaryMetric"]["scoreUnit"]),
            "err": ns(r["primaryMetric"]["scoreError"], r["primaryMetric"]["scoreUnit"]),
            "alloc": alloc_of(r),
            "threads": r.get("threads", 1),
        }
    if not res:
        return False
    jvm = next((r for r in rows if r["benchmark"].endswith(tuple(m for m, _ in ENGINES))), rows[0])
    print(f"JDK {jvm.get('jdkVersion', '?')} ({jvm.get('vmName', '?')} {jvm.get('vmVersion', '')}), "
          f"JMH {jvm.get('jmhVersion', '?')}, forks {jvm.get('forks', '?')}, "
          f"warmup {jvm.get('warmupIterations', '?')} x {jvm.get('warmupTime', '?')}, "
          f"measurement {jvm.get('measurementIterations', '?')} x {jvm.get('measurementTime', '?')}.")
    print()
    print("Time per decision (mean over the scenario's requests, allowed and denied mixed) as a ratio "
          "to Toolgate cached and to the ConcurrentHashMap.get floor; lower is faster.")
    print()
    goals = []
    for s in SCENARIOS:
        if not any(k == s for (_, k) in res):
            continue
        cached = res.get(("toolgateCached", s))
        floor = res.get(("baselineConcurrentHashMapGet", s))
        print(f"#### {s}")
        print()
        print("| engine | time/op | ± error | B/op | vs Toolgate cached | vs floor |")
        print("|---|---:|---:|---:|---:|---:|")
        for method, label in ENGINES:
            v = res.get((method, s))
            if v is None:
                if method == "shiro" and s != "whitelist":
                    print(f"| {label} | cannot express | | | | |")
                continue
            alloc = "" if v["alloc"] is None else f"{v['alloc']:.0f}"
            rc = fmt_ratio(v["ns"] / cached["ns"]) if cached else "n/a"
            rf = fmt_ratio(v["ns"] / floor["ns"]) if floor else "n/a"
            print(f"| {label} | {fmt_time(v['ns'])} | {fmt_time(v['err'])} | {alloc} | {rc} | {rf} |")
        if s in NOTES:
            print()
            print(NOTES[s])
        print()
        unc = res.get(("toolgateUncached", s))
        if cached and floor:
            r = cached["ns"] / floor["ns"]
            goals.append((f"{s}: Toolgate cached within 2x of the floor", f"{r:.2f}x", r <= 2))
        for method, label, target in (("sapl", "SAPL", 2), ("jcasbin", "jCasbin", 100), ("cedar", "cedar-java", 1000)):
            v = res.get((method, s))
            if unc and v:
                r = v["ns"] / unc["ns"]
                goals.append((f"{s}: Toolgate uncached {target}x faster than {label}", f"{r:,.1f}x", r >= target))
    t2 = [(m, l) for m, l in THREADS2 if any(k[0] == m for k in res)]
    if t2:
        print("#### Two threads (`@Threads(2)`), cached paths")
        print()
        print("| scenario | " + " | ".join(l for _, l in t2) + " |")
        print("|---|" + "---:|" * len(t2))
        for s in SCENARIOS:
            cells = []
            for m, _ in t2:
                v = res.get((m, s))
                cells.append("" if v is None else f"{v['threads'] * 1e3 / v['ns']:.1f} Mops/s ({fmt_time(v['ns'])}/op per thread)")
            if any(cells):
                print(f"| {s} | " + " | ".join(cells) + " |")
        print()
    scaling = sorted(((int(k.split("=")[1]), v) for (m, k), v in res.items() if m == "grantsScalingToolgateUncached"))
    if scaling:
        first = scaling[0][1]["ns"]
        print("#### Toolgate uncached as the whitelist grows")
        print()
        print("| grants | time/op | ± error | B/op | vs " + f"{scaling[0][0]:,}" + " grants |")
        print("|---:|---:|---:|---:|---:|")
        for n, v in scaling:
            alloc = "" if v["alloc"] is None else f"{v['alloc']:.0f}"
            print(f"| {n:,} | {fmt_time(v['ns'])} | {fmt_time(v['err'])} | {alloc} | {v['ns'] / first:.2f}x |")
        print()
        if len(scaling) > 1:
            r = scaling[-1][1]["ns"] / first
            goals.append((f"Toolgate uncached at {scaling[-1][0]:,} grants within 1.5x of {scaling[0][0]:,}",
                          f"{r:.2f}x", r <= 1.5))
    if goals:
        print("#### Goals (issue 8)")
        print()
        print("| goal | measured | |")
        print("|---|---:|---|")
        for g, m, ok in goals:
            print(f"| {g} | {m} | {'met' if ok else '**missed**'} |")
        print()
    return True


def main(argv):
    peers_only = "--peers" in argv
    paths = [a for a in argv if not a.startswith("--")]
    if len(paths) != 1:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    rows = json.load(open(paths[0]))
    if peers_only:
        if not peers_table(rows):
            print("no PeerBenchmark results in " + paths[0], file=sys.stderr)
            sys.exit(1)
        return
    baseline_table(rows)
    if any(r["benchmark"].rsplit(".", 2)[-2] == PEER_CLASS for r in rows):
        print()
        peers_table(rows)


if __name__ == "__main__":
    main(sys.argv[1:])

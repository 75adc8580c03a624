#!/usr/bin/env python3
"""An independent reading of a journal and a conversions file, analysed by gbstats.

Given {"journal", "conversions", "window_seconds", "alpha", "metric"}: reads the journal's
randomized recipients with sqlite3, joins the conversions by id within the window after the run's
clock, and prints per (template, experiment, arm) group n/sum/sum of squares and, per comparison
(holdout vs treatment per template; each arm vs the first per experiment, among recipients not
held out), gbstats' relative and absolute results. Tests/LiftTests/LiftCommandTests.swift
compares them with `tessera lift --format json`.
"""
import datetime
import json
import sqlite3
import sys
from collections import defaultdict

from gbstats.frequentist.tests import FrequentistConfig, TwoSidedTTest
from gbstats.models.statistics import ProportionStatistic, SampleMeanStatistic
from gbstats.utils import check_srm


def parse_time(s):
    return datetime.datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()


def main():
    cfg = json.load(open(sys.argv[1]))
    db = sqlite3.connect(cfg["journal"])
    lists = dict(db.execute("SELECT id, text FROM lists"))
    conversions = defaultdict(list)
    for line in open(cfg["conversions"]):
        if line.strip():
            c = json.loads(line)
            conversions[str(c["id"])].append((parse_time(c["at"]), float(c.get("value") or 0)))
    groups = defaultdict(lambda: [0, 0.0, 0.0])  # (family, template, experiment, arm) -> n, sum, sum of squares
    for run, now in db.execute("SELECT run, now FROM runs ORDER BY run"):
        rows = db.execute("SELECT id, template, assignments FROM recipients WHERE seq >> 36 = ? AND assignments IS NOT NULL", (run,))
        for rid, template, assignments in rows:
            items = dict(item.split("=", 1) for item in lists[assignments].split(" "))
            value = 0.0
            for at, v in conversions.get(rid, []):
                if now <= at < now + cfg["window_seconds"]:
                    if cfg["metric"] == "conversion":
                        value = 1.0
                        break
                    value += v
            keys = []
            if "holdout" in items:
                keys.append(("holdout", template, "holdout", items["holdout"]))
            for e, a in items.items():
                if e != "holdout" and items.get("holdout") != "holdout":
                    keys.append(("experiment", template, e, a))
            for k in keys:
                g = groups[k]
                g[0] += 1
                g[1] += value
                g[2] += value * value

    def stat(g):
        if cfg["metric"] == "conversion":
            return ProportionStatistic(n=g[0], sum=g[1])
        return SampleMeanStatistic(n=g[0], sum=g[1], sum_squares=g[2])

    def test(a, b, kind):
        r = TwoSidedTTest(stat(a), stat(b), FrequentistConfig(difference_type=kind, alpha=cfg["alpha"])).compute_result()
        if r.error_message:
            return None
        return {"estimate": r.expected, "ci": list(r.ci), "p_value": r.p_value}

    arms = {}
    for run_row in db.execute("SELECT template, experiment, arm, weight FROM run_randomizations ORDER BY run, template, experiment, position"):
        arms.setdefault((run_row[0], run_row[1]), {})[run_row[2]] = run_row[3]
    comparisons, srm = [], []
    # The report's order: holdout comparisons first, then experiments; each by template, experiment.
    for (template, experiment), declared in sorted(arms.items(), key=lambda kv: (kv[0][1] != "holdout", kv[0])):
        family = "holdout" if experiment == "holdout" else "experiment"
        names = list(declared)
        present = [n for n in names if (family, template, experiment, n) in groups]
        if len(present) < 2:
            continue
        pairs = [("holdout", "treatment")] if family == "holdout" else [(names[0], n) for n in names[1:]]
        for c, t in pairs:
            a, b = groups[(family, template, experiment, c)], groups[(family, template, experiment, t)]
            by = {"template": template} if family == "holdout" else {"template": template, "experiment": experiment}
            comparisons.append({"by": by, "control": {"name": c, "n": a[0], "sum": a[1]}, "treatment": {"name": t, "n": b[0], "sum": b[1]},
                                "relative": test(a, b, "relative"), "absolute": test(a, b, "absolute")})
        observed = [groups[(family, template, experiment, n)][0] for n in names]
        srm.append({"template": template, "experiment": experiment, "p_value": float(check_srm(observed, [declared[n] for n in names]))})
    json.dump({"comparisons": comparisons, "srm": srm}, sys.stdout)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""GrowthBook's gbstats (PyPI) on the cases Tests/LiftTests/GBStatsParityTests.swift generated.

Reads a JSON file {"tests": [...], "srm": [...], "bh": [[p, ...], ...]} and prints gbstats'
(and, for Benjamini-Hochberg, scipy's) numbers as JSON on stdout. The Swift test compares.
"""
import json
import sys

from gbstats.frequentist.tests import (
    FrequentistConfig,
    SequentialConfig,
    SequentialTwoSidedTTest,
    TwoSidedTTest,
)
from gbstats.models.statistics import ProportionStatistic, SampleMeanStatistic
from gbstats.utils import check_srm
from scipy.stats import false_discovery_control


def statistic(group, metric):
    if metric == "conversion":
        return ProportionStatistic(n=group["n"], sum=group["sum"])
    return SampleMeanStatistic(n=group["n"], sum=group["sum"], sum_squares=group["sum_squares"])


def run_test(case, difference_type):
    a = statistic(case["control"], case["metric"])
    b = statistic(case["treatment"], case["metric"])
    if case["sequential"]:
        config = SequentialConfig(difference_type=difference_type, alpha=case["alpha"],
                                  sequential_tuning_parameter=case["tuning"])
        test = SequentialTwoSidedTTest(a, b, config)
    else:
        test = TwoSidedTTest(a, b, FrequentistConfig(difference_type=difference_type, alpha=case["alpha"]))
    r = test.compute_result()
    # gbstats' dof divides by zero on the zero-variance cases it declines to analyse.
    dof = None if r.error_message else float(test.dof)
    return {"estimate": float(r.expected), "ci": [float(r.ci[0]), float(r.ci[1])],
            "p_value": float(r.p_value), "error": r.error_message,
            "mean_a": float(a.mean), "var_a": float(a.variance),
            "mean_b": float(b.mean), "var_b": float(b.variance), "dof": dof}


def main():
    cases = json.load(open(sys.argv[1]))
    out = {
        "tests": [{"absolute": run_test(c, "absolute"), "relative": run_test(c, "relative")} for c in cases["tests"]],
        "srm": [float(check_srm(s["observed"], s["weights"])) for s in cases["srm"]],
        "bh": [[float(x) for x in false_discovery_control(ps, method="bh")] for ps in cases["bh"]],
    }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()

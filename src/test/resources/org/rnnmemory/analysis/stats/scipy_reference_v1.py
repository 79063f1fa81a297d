"""Regenerates scipy-reference-v1.json: reference values for the Java statistics tests.

Run from this directory:  python3 scipy_reference_v1.py
Produced with numpy and scipy (versions recorded in the output). NaN inputs are written as null.
Pairs with a NaN are dropped before calling scipy, as the Java code does.
"""
import json
import math

import numpy as np
import scipy
from scipy import stats

rng = np.random.default_rng(20240601)


def listed(a):
    return [None if math.isnan(v) else float(v) for v in a]


def complete_pairs(x, y):
    keep = ~(np.isnan(x) | np.isnan(y))
    return x[keep], y[keep]


def correlation_case(name, x, y):
    xs, ys = complete_pairs(x, y)
    p = stats.pearsonr(xs, ys)
    s = stats.spearmanr(xs, ys)
    lr = stats.linregress(xs, ys)
    return {
        "name": name, "x": listed(x), "y": listed(y), "n": int(len(xs)),
        "pearson_r": float(p.statistic), "pearson_p": float(p.pvalue),
        "spearman_rho": float(s.statistic), "spearman_p": float(s.pvalue),
        "slope": float(lr.slope), "intercept": float(lr.intercept),
        "r_squared": float(lr.rvalue ** 2), "slope_se": float(lr.stderr),
    }


def mw_case(name, x, y, method):
    r = stats.mannwhitneyu(x, y, alternative="two-sided", method=method, use_continuity=True)
    return {"name": name, "x": listed(x), "y": listed(y), "method": "exact" if method == "exact" else "normal",
            "mw_u": float(r.statistic), "mw_p": float(r.pvalue)}


def correlation_cases():
    x = np.round(rng.normal(0, 1, 25), 1)
    y = np.round(0.5 * x + rng.normal(0, 1, 25), 1)
    x[3] = np.nan
    y[17] = np.nan
    a = rng.normal(0, 1, 12)
    b = a + rng.normal(0, 2, 12)
    c = rng.uniform(0, 10, 40)
    d = -0.3 * c + rng.normal(0, 2, 40)
    return [correlation_case("ties_and_nan_n25", x, y),
            correlation_case("continuous_n12", a, b),
            correlation_case("negative_n40", c, d)]


def mw_cases():
    def distinct(n, shift):
        return np.round(rng.normal(shift, 1, n), 4)
    cases = [mw_case("exact_8_11", distinct(8, 0.5), distinct(11, 0), "exact"),
             mw_case("exact_15_20", distinct(15, 0.3), distinct(20, 0), "exact"),
             mw_case("exact_20_20", distinct(20, 0.8), distinct(20, 0), "exact"),
             mw_case("normal_25_30", distinct(25, 0.4), distinct(30, 0), "asymptotic"),
             mw_case("normal_ties_12_14", np.round(rng.normal(1, 2, 12)), np.round(rng.normal(0, 2, 14)),
                     "asymptotic")]
    for c in cases:
        both = [v for v in c["x"] + c["y"]]
        has_ties = len(set(both)) < len(both)
        assert has_ties == (c["name"] == "normal_ties_12_14"), c["name"]
    return cases


def main():
    out = {
        "generator": "scipy_reference_v1.py",
        "numpy": np.__version__, "scipy": scipy.__version__,
        "correlation": correlation_cases(),
        "mann_whitney": mw_cases(),
    }
    with open("scipy-reference-v1.json", "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()

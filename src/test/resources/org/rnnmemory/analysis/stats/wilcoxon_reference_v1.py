"""Regenerates wilcoxon-reference-v1.json: reference values for the Wilcoxon signed-rank tests.

Run from this directory:  python3 wilcoxon_reference_v1.py
Each case holds paired x, y (NaN written as null), V (sum of the ranks of |x - y| over x > y,
zero differences dropped, R's statistic, computed here with numpy/scipy.stats.rankdata) and the
two-sided p-value of scipy.stats.wilcoxon(zero_method='wilcox', correction=True) with
method='approx' (normal approximation) or method='exact'. Pairs with a NaN are dropped first,
as the Java code does. The numpy and scipy versions are recorded in the output.
"""
import json
import math

import numpy as np
import scipy
from scipy import stats

rng = np.random.default_rng(20261124)


def listed(a):
    return [None if math.isnan(v) else float(v) for v in a]


def case(name, x, y, method):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    keep = ~(np.isnan(x) | np.isnan(y))
    d = x[keep] - y[keep]
    nz = d[d != 0]
    ranks = stats.rankdata(np.abs(nz))
    v = float(ranks[nz > 0].sum())
    res = stats.wilcoxon(x[keep], y[keep], zero_method="wilcox", correction=True, method=method)
    return {"name": name, "x": listed(x), "y": listed(y), "pairs": int(keep.sum()), "n": int(nz.size),
            "v": v, "p": float(res.pvalue), "method": method, "median_diff": float(np.median(d))}


cases = []
# R's ?wilcox.test example (Hollander and Wolfe 1973, p. 29): V = 40, two-sided exact p = 0.0390625
cases.append(case("hollander_wolfe_depression",
                  [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30],
                  [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29], "exact"))
# ties among |d| and zero differences, n = 14 pairs: normal approximation
a = np.round(rng.normal(0.0, 1.0, 14), 0)
b = np.round(rng.normal(0.4, 1.0, 14), 0)
cases.append(case("ties_and_zeros", a, b, "approx"))
# 30 continuous pairs: normal approximation because n > 20
x = rng.normal(1.0, 1.0, 30)
y = x + rng.normal(0.3, 0.8, 30)
cases.append(case("n30_continuous", x, y, "approx"))
# NaN values in both samples, 16 complete pairs, no ties: exact
x = rng.normal(0.0, 1.0, 19)
y = rng.normal(0.5, 1.0, 19)
x[[2, 7]] = np.nan
y[[11]] = np.nan
cases.append(case("nan_dropped_exact", x, y, "exact"))

out = {"numpy": np.__version__, "scipy": scipy.__version__, "wilcoxon": cases}
with open("wilcoxon-reference-v1.json", "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")

"""Where the mean largest Lyapunov exponent of random N = 500 networks crosses zero, with intervals.

Reads chaos_network_seeds.json (rnnmem chaos --json: one object per gain and network seed) and
chaos_own_network.json (rnnmem chaos --config --json per gain), writes crossing.json:
  per gain: n, mean lambda_max over network seeds, its 95% t interval, the number of networks whose
            lambda_max exceeds twice its own standard error (chaotic), and the own network's lambda_max
            with its standard error over time blocks;
  crossing: gain at which the mean first changes sign from negative to positive (linear
            interpolation between neighbouring gains), with a 95% percentile bootstrap interval
            (10,000 resamples of the network seeds within each gain, seed 1).
Usage: python3 crossing.py DIR   (DIR holds the two JSON files; crossing.json is written there)
"""
import json
import sys
from pathlib import Path

import numpy as np
from scipy import stats

RESAMPLES = 10_000


def crossing(gains, means):
    for i in range(1, len(gains)):
        if means[i - 1] < 0 <= means[i]:
            return gains[i - 1] + (gains[i] - gains[i - 1]) * (-means[i - 1]) / (means[i] - means[i - 1])
    return float("nan")


def main(folder):
    folder = Path(folder)
    results = json.loads((folder / "chaos_network_seeds.json").read_text())
    own = {r["gain"]: r for r in json.loads((folder / "chaos_own_network.json").read_text())}
    gains = sorted({r["gain"] for r in results})
    by_gain = {g: np.array([r["lambda_max"] for r in results if r["gain"] == g]) for g in gains}
    rows = []
    for g in gains:
        x = by_gain[g]
        half = stats.t.ppf(0.975, len(x) - 1) * x.std(ddof=1) / np.sqrt(len(x))
        chaotic = sum(1 for r in results if r["gain"] == g and r["lambda_max"] > 2 * r["lambda_sem"])
        o = own.get(g)
        rows.append({"gain": g, "n": len(x), "mean_lambda_max": x.mean(), "ci_low": x.mean() - half,
                     "ci_high": x.mean() + half, "chaotic": chaotic,
                     "own_lambda_max": o["lambda_max"] if o else None,
                     "own_lambda_sem": o["lambda_sem"] if o else None})
    point = crossing(gains, [by_gain[g].mean() for g in gains])
    rng = np.random.default_rng(1)
    boot = []
    for _ in range(RESAMPLES):
        means = [rng.choice(by_gain[g], size=len(by_gain[g]), replace=True).mean() for g in gains]
        boot.append(crossing(gains, means))
    boot = np.array(boot)
    found = boot[np.isfinite(boot)]
    out = {"per_gain": rows, "crossing_gain": point,
           "crossing_ci_low": float(np.percentile(found, 2.5)) if len(found) else None,
           "crossing_ci_high": float(np.percentile(found, 97.5)) if len(found) else None,
           "crossing_resamples": RESAMPLES, "crossing_resamples_with_a_crossing": int(len(found))}
    (folder / "crossing.json").write_text(json.dumps(out, indent=1) + "\n")
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main(sys.argv[1])

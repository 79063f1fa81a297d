# Cells of the analysis notebook (analysis.ipynb), in the "percent" format: "# %%" starts a code
# cell, "# %% [markdown]" a markdown cell (its lines lose their leading "# "), and "# %% {{NAME}}"
# is replaced by the cells AnalysisNotebook generates under that name. {{...}} inside a cell is
# replaced by generated text. Everything else is copied as it is.

# %% {{INTRO}}

# %%
import itertools
import json
import math
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from scipy import stats

plt.rcParams.update({"figure.dpi": 110, "savefig.dpi": 300, "font.size": 8, "axes.titlesize": 8.5,
                     "axes.labelsize": 8, "legend.fontsize": 7, "xtick.labelsize": 7, "ytick.labelsize": 7,
                     "axes.spines.top": False, "axes.spines.right": False, "figure.constrained_layout.use": True})
pd.set_option("display.width", 160)
pd.set_option("display.max_columns", 20)
BLUE, VERMILLION, GREEN, GREY = "#0072B2", "#D55E00", "#009E73", "#999999"

# %% {{RUN}}

# %% {{CONSTANTS}}

# %%
analysis = pd.read_csv(TABLES / "analysis.csv")
summary = pd.read_csv(TABLES / "summary.csv", index_col="metric")
correlations = pd.read_csv(TABLES / "correlations.csv", index_col="metric", keep_default_na=False,
                           na_values=["", "NA", "NaN", "nan"])
published_comparison = pd.read_csv(TABLES / "published_comparison.csv", index_col="metric")
print(f"{EXPERIMENT}: {len(analysis)} seeds ({', '.join(map(str, analysis.seed))}), "
      f"{(analysis.status == 'completed').sum()} completed")

CHECKS = []


def check(name, computed, table, rtol=1e-6, atol=1e-12):
    """Prints a number recomputed here next to the value the tables hold ('ok' when they agree)."""
    computed, table = float(computed), float(table)
    ok = (math.isnan(computed) and math.isnan(table)) or (
        not math.isnan(computed) and not math.isnan(table) and abs(computed - table) <= atol + rtol * abs(table))
    CHECKS.append((name, ok))
    print(f"{name:<58} {computed:>17.10g} {table:>17.10g}  {'ok' if ok else 'DIFFERS'}")


def p_text(p):
    """A p-value as the report quotes it: 'p < 0.001', else two significant digits."""
    if math.isnan(p):
        return "p = NA"
    return "p < 0.001" if p < 0.001 else "p = %#.2g" % p


def finite(values):
    values = np.asarray(values, dtype=float)
    return values[np.isfinite(values)]


print(f"{'recomputed number (table/row/column)':<58} {'notebook':>17} {'table':>17}")

# %% {{FINDINGS}}

# %% [markdown]
# ## Precision against the published models
#
# Precision is the mean squared error of the output over the evaluation window, averaged over the
# test pulses (lower is better). The cell below recomputes, from `analysis.csv` and the published
# values of the 20 System A models (SPEC section 6), each sample's mean, sd and median and the
# two-sided Mann-Whitney U test of this run against the published models (exact without ties when
# both samples have at most 20 values, otherwise the normal approximation with tie and continuity
# corrections, as `published_comparison.csv` states in `mw_method`).

# %%
for metric in ["precision", "weight_correlation"]:
    ours, theirs = finite(analysis[metric]), finite(PUBLISHED[metric])
    row = published_comparison.loc[metric]
    for sample, values in [("run", ours), ("published", theirs)]:
        check(f"published_comparison/{metric}/{sample}_n", len(values), row[f"{sample}_n"])
        check(f"published_comparison/{metric}/{sample}_mean", values.mean(), row[f"{sample}_mean"])
        check(f"published_comparison/{metric}/{sample}_sd",
              values.std(ddof=1) if len(values) > 1 else math.nan, row[f"{sample}_sd"])
        check(f"published_comparison/{metric}/{sample}_median", np.median(values), row[f"{sample}_median"])
    test = stats.mannwhitneyu(ours, theirs, alternative="two-sided", use_continuity=True,
                              method="exact" if row["mw_method"] == "exact" else "asymptotic")
    check(f"published_comparison/{metric}/mw_u", test.statistic, row["mw_u"])
    check(f"published_comparison/{metric}/mw_p", test.pvalue, row["mw_p"])
    print(f"  {LABELS[metric]}: run mean {ours.mean():.4g} (sd {ours.std(ddof=1) if len(ours) > 1 else math.nan:.2g},"
          f" n = {len(ours)}) against published {theirs.mean():.4g} (sd {theirs.std(ddof=1):.2g}, n = {len(theirs)});"
          f" Mann-Whitney U = {test.statistic:g}, {p_text(test.pvalue)}")

# %%
fig, axes = plt.subplots(1, 2, figsize=(7, 2.4))
rng = np.random.default_rng(1)
for ax, metric in zip(axes, ["precision", "weight_correlation"]):
    for k, (name, values) in enumerate([("this run", finite(analysis[metric])),
                                        ("published (20 models)", finite(PUBLISHED[metric]))]):
        ax.scatter(k + rng.uniform(-0.12, 0.12, len(values)), values, s=12, color=[BLUE, GREY][k], alpha=0.8,
                   zorder=2)
        ax.hlines(np.median(values), k - 0.25, k + 0.25, color="black", lw=1.8, zorder=3)
    ax.set_xticks([0, 1], ["this run", "published\n(20 models)"])
    ax.set_xlim(-0.6, 1.6)
    ax.set_ylabel(LABELS[metric])
    test = published_comparison.loc[metric]
    ax.set_title(f"Mann-Whitney {p_text(test['mw_p'])}")
    if metric == "precision":
        ax.set_yscale("log")
fig.suptitle("Per-seed values (points) and medians (bars)", fontsize=8.5)
plt.show()

# %% [markdown]
# ## Precision recomputed from the trained weights
#
# An independent forward pass in NumPy (float64) of every network whose weights lie beside this
# notebook: `h[t+1] = (1 - a) h[t] + a (g G tanh(h[t]) + I u[t])`, `z[t] = w . tanh(h[t+1])`,
# `a = dt / tau`, from `h = 0`, one noise-free trial per test pulse (SPEC section 4). Its precision,
# per-duration losses and cos(I, w) are compared with `analysis.csv`.

# %%
def seed_dir(seed):
    """The folder holding a seed's weights, or None when no run directory in RUNS has them."""
    for run in RUNS:
        folder = run / "seeds" / f"seed-{seed}"
        if (folder / "w.npy").is_file() and (folder / "G.npy").is_file():
            return folder
    return None


def simulate(folder, durations_ms):
    """Outputs z[duration, step] of one network for the evaluation trials, and the time step (ms)."""
    model = json.loads((folder / "model.json").read_text())
    G = np.load(folder / "G.npy").astype(np.float64)
    I = np.load(folder / "I.npy").astype(np.float64).reshape(-1)
    w = np.load(folder / "w.npy").astype(np.float64).reshape(-1)
    dt, a = model["dt_ms"], model["dt_ms"] / model["tau_ms"]
    steps, onset = round(PROTOCOL["trial_ms"] / dt), round(PROTOCOL["onset_ms"] / dt)
    u = np.zeros((len(durations_ms), steps))
    for k, d in enumerate(durations_ms):
        u[k, onset:onset + round(d / dt) + 1] = np.float32(PROTOCOL["strength"])
    gGt = (model["gain"] * G).T
    h = np.zeros((len(durations_ms), len(I)))
    r = np.tanh(h)
    z = np.empty(u.shape)
    for t in range(steps):
        h = a * (r @ gGt) + (1 - a) * h + u[:, t:t + 1] * (a * I)
        r = np.tanh(h)
        z[:, t] = r @ w
    return z, dt, I, w


def losses(z, dt, durations_ms):
    """Mean squared error over the evaluated steps (target > 0) per test pulse."""
    cost = round(PROTOCOL["cost_onset_ms"] / dt)
    out = []
    for k, d in enumerate(durations_ms):
        level = float(np.float32(PROTOCOL["slope_per_ms"] * dt * round(d / dt)))
        out.append(np.mean((z[k, cost:] - level) ** 2) if level > 0 else math.nan)
    return out


outputs, missing = {}, []
for _, row in (analysis.iterrows() if PROTOCOL is not None else iter(())):
    seed = int(row.seed)
    folder = seed_dir(seed)
    if folder is None:
        missing.append(seed)
        continue
    z, dt, I, w = simulate(folder, PROTOCOL["durations_ms"])
    outputs[seed] = (z, dt)
    per_duration = losses(z, dt, PROTOCOL["durations_ms"])
    for d, loss in zip(PROTOCOL["durations_ms"], per_duration):
        check(f"analysis/{seed}/loss_{d}", loss, row[f"loss_{d}"])
    check(f"analysis/{seed}/precision", np.mean(per_duration), row["precision"])
    check(f"analysis/{seed}/weight_correlation", I @ w / (np.linalg.norm(I) * np.linalg.norm(w)),
          row["weight_correlation"])
if PROTOCOL is None or not RUNS:
    print("No run directory beside this notebook (RUNS is empty): the forward pass is skipped and precision is "
          "taken from the tables.")
elif missing:
    print(f"No weights beside this notebook for seed(s) {', '.join(map(str, missing))} "
          f"(looked in {', '.join(str(run / 'seeds') for run in RUNS)}): their precision is taken from the tables.")

# %%
if PROTOCOL is not None and outputs:
    ranked = analysis[analysis.seed.isin(list(outputs))].sort_values("precision")
    best, worst = int(ranked.seed.iloc[0]), int(ranked.seed.iloc[-1])
    fig, axes = plt.subplots(1, len(PROTOCOL["durations_ms"]), figsize=(7, 2.3), sharey=True)
    for k, (ax, d) in enumerate(zip(np.atleast_1d(axes), PROTOCOL["durations_ms"])):
        others = [seed for seed in outputs if seed not in (best, worst)]
        for seed, (z, dt) in outputs.items():
            t = np.arange(1, z.shape[1] + 1) * dt - PROTOCOL["onset_ms"]
            keep = t >= -200
            style = dict(color=GREY, lw=0.6, alpha=0.6, label="each seed" if others and seed == others[0] else None)
            among = " of those simulated" if missing else ""
            if seed == best:
                style = dict(color=BLUE, lw=1.4, label=f"best{among} (seed {seed})")
            elif seed == worst:
                style = dict(color=VERMILLION, lw=1.4, label=f"worst{among} (seed {seed})")
            ax.plot(t[keep], z[k, keep], zorder=3 if seed in (best, worst) else 1, **style)
        level = PROTOCOL["slope_per_ms"] * d
        ax.hlines(level, PROTOCOL["cost_onset_ms"] - PROTOCOL["onset_ms"], t[-1], colors="black",
                  linestyles="--", lw=1, label="target", zorder=4)
        trained = PROTOCOL["trained_range_ms"][0] <= d <= PROTOCOL["trained_range_ms"][1]
        ax.set_title(f"{d} ms pulse" + ("" if trained else " (extrapolation)"))
        ax.set_xlabel("time from pulse onset (ms)")
    np.atleast_1d(axes)[0].set_ylabel("network output z")
    handles, names = np.atleast_1d(axes)[0].get_legend_handles_labels()
    fig.legend(handles, names, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=4, frameon=False)
    plt.show()

# %% [markdown]
# ## Seed 1 against the published model 1
#
# For System A with the reference's own initial networks, `published_model.csv` compares model
# seed 1 with the published model 1, which starts from the same network: Pearson r of the trained
# I and w with the published ones (whose files the analysis puts in `tables/published_model_1/`),
# and both models' precision and cos(I, w). Recomputed here with NumPy when the table has its row.

# %%
published_model_file = TABLES / "published_model.csv"
published_model = pd.read_csv(published_model_file) if published_model_file.is_file() else pd.DataFrame()
if published_model.empty:
    print("No comparison with the published model 1 (the experiment is not System A with the reference's initial "
          "networks, or seed 1 was not analysed).")
else:
    row = published_model.iloc[0]
    ours, theirs = seed_dir(int(row["seed"])), TABLES / "published_model_1"
    if ours is None or not (theirs / "w.npy").is_file():
        print("The weights of seed 1 or of the published model are not beside this notebook: the table's values stand.")
    else:
        for name, column in [("I", "input_r"), ("w", "readout_r")]:
            a = np.load(ours / f"{name}.npy").astype(np.float64).reshape(-1)
            b = np.load(theirs / f"{name}.npy").astype(np.float64).reshape(-1)
            check(f"published_model/{column}", np.corrcoef(a, b)[0, 1], row[column])
    check("published_model/published_precision", PUBLISHED.set_index("seed").loc[int(row["seed"]), "precision"],
          row["published_precision"])
    print(f"seed {int(row['seed'])}: trained I against the published I r = {row['input_r']:.5f}, w against w "
          f"r = {row['readout_r']:.5f}; precision {row['precision']:.4g} (published {row['published_precision']:.4g}), "
          f"cos(I, w) {row['weight_correlation']:.4f} (published {row['published_weight_correlation']:.4f})")

# %% [markdown]
# ## Does any metric predict precision?
#
# Pearson's r and Spearman's rho of every metric against precision across seeds, recomputed with
# SciPy, and the Holm adjustment of the Pearson and Spearman p-values over the metrics with a
# defined correlation (a metric constant across seeds has none). Spearman's p is exact (all rank
# permutations) for at most 10 seeds without ties, as in `correlations.csv`.

# %%
def constant(x):
    x = finite(x)
    return len(x) == 0 or not (x.max() - x.min() > 1e-12 * max(abs(x.min()), abs(x.max())))


def spearman_p(x, y, rho):
    rx, ry = stats.rankdata(x), stats.rankdata(y)
    n = len(x)
    if 3 <= n <= 10 and len(set(rx)) == n and len(set(ry)) == n:
        target = np.empty(n, dtype=np.int64)
        target[rx.astype(int) - 1] = ry.astype(int)
        position = np.arange(1, n + 1)
        twice_mean = n * (n * n - 1) // 3
        observed = abs(2 * ((position - target) ** 2).sum() - twice_mean)
        perms = np.array(list(itertools.permutations(range(1, n + 1))), dtype=np.int64)
        s = ((position - perms) ** 2).sum(axis=1)
        return np.mean(np.abs(2 * s - twice_mean) >= observed)
    return stats.spearmanr(x, y).pvalue


def holm(p):
    p = np.asarray(p, dtype=float)
    out = np.full(p.shape, np.nan)
    order = [i for i in np.argsort(p, kind="stable") if not np.isnan(p[i])]
    running = 0.0
    for j, i in enumerate(order):
        running = max(running, min(1.0, (len(order) - j) * p[i]))
        out[i] = running
    return out


rows = []
for metric in correlations.index:
    pair = analysis[[metric, "precision"]].replace([np.inf, -np.inf], np.nan).dropna()
    x, y = pair[metric].to_numpy(), pair["precision"].to_numpy()
    if constant(x) or len(x) < 3:
        r = p = rho = sp = math.nan
    else:
        r, p = stats.pearsonr(x, y)
        rho = stats.spearmanr(x, y).correlation
        sp = spearman_p(x, y, rho)
    rows.append(dict(metric=metric, label=LABELS.get(metric, metric), n=len(x), pearson_r=r, pearson_p=p,
                     spearman_rho=rho, spearman_p=sp))
recomputed = pd.DataFrame(rows).set_index("metric")
recomputed["holm_p"] = holm(recomputed.pearson_p)
recomputed["spearman_holm_p"] = holm(recomputed.spearman_p)
constant_metrics = []
for metric, row in recomputed.iterrows():
    if np.isnan(row.pearson_r) and correlations.loc[metric, ["pearson_r", "pearson_p", "holm_p"]].isna().all():
        constant_metrics.append(metric)
        continue
    for column in ["n", "pearson_r", "pearson_p", "spearman_rho", "spearman_p", "holm_p", "spearman_holm_p"]:
        check(f"correlations/{metric}/{column}", row[column], correlations.loc[metric, column])
if constant_metrics:
    print(f"constant across seeds, no correlation (NA here and in the table): {', '.join(constant_metrics)}")

# %%
shown = recomputed.sort_values("pearson_p")
shown.assign(r=shown.pearson_r.map(lambda v: f"{v:.2f}"), p=shown.pearson_p.map(p_text),
             holm=shown.holm_p.map(p_text), rho=shown.spearman_rho.map(lambda v: f"{v:.2f}"),
             )[["label", "n", "r", "p", "holm", "rho"]]

# %%
r_pub, p_pub = stats.pearsonr(PUBLISHED.weight_correlation, PUBLISHED.precision)
print(f"Published models (SPEC section 6): r = {PUBLISHED_R}, p = {PUBLISHED_P}; recomputed from their table: "
      f"r = {r_pub:.2f}, {p_text(p_pub)}")
print(f"This run: r = {recomputed.loc['weight_correlation', 'pearson_r']:.2f}, "
      f"{p_text(recomputed.loc['weight_correlation', 'pearson_p'])} (n = {recomputed.loc['weight_correlation', 'n']})")

# %%
panels = [m for m in SCATTER_METRICS if m in recomputed.index and np.isfinite(recomputed.loc[m, "pearson_r"])]
if panels:
    columns = 3
    rows_needed = math.ceil(len(panels) / columns)
    fig, axes = plt.subplots(rows_needed, columns, figsize=(7, 2.1 * rows_needed), squeeze=False)
    for ax, metric in zip(axes.flat, panels):
        pair = analysis[[metric, "precision"]].dropna()
        x, y = pair[metric].to_numpy(), pair["precision"].to_numpy()
        ax.scatter(x, y, s=10, color=BLUE, zorder=2)
        fit = np.polyfit(x, y, 1)
        ends = np.array([x.min(), x.max()])
        ax.plot(ends, np.polyval(fit, ends), color=VERMILLION, lw=1)
        ax.set_xlabel(LABELS[metric])
        ax.set_ylabel(LABELS["precision"])
        row = recomputed.loc[metric]
        ax.set_title(f"r = {row.pearson_r:.2f}, {p_text(row.pearson_p)}")
    for ax in list(axes.flat)[len(panels):]:
        ax.set_visible(False)
    plt.show()

# %% [markdown]
# ## Training

# %%
curve_files = [run / "tables" / "curves.csv" for run in RUNS if (run / "tables" / "curves.csv").is_file()]
if curve_files:
    curves = pd.concat([pd.read_csv(f) for f in curve_files], ignore_index=True)
    print(f"training curves of seed(s) {', '.join(map(str, sorted(curves.seed.unique())))} "
          f"from {len(curve_files)} run director{'y' if len(curve_files) == 1 else 'ies'}")
    fig, axes = plt.subplots(1, 3, figsize=(7, 2.2))
    for ax, (column, title) in zip(axes, [("loss", "training loss (MSE)"), ("grad_norm_input", "|dL/dI| (L2 norm)"),
                                          ("grad_norm_readout", "|dL/dw| (L2 norm)")]):
        wide = curves.pivot(index="update", columns="seed", values=column)
        if not (wide > 0).any().any():
            ax.set_title(title + ": not trained")
            continue
        lines = ax.plot(wide.index + 1, wide.where(wide > 0), color=GREY, lw=0.5, alpha=0.5)
        lines[0].set_label("each seed")
        ax.plot(wide.index + 1, wide.where(wide > 0).median(axis=1), color=BLUE, lw=1.6, label="median over seeds")
        ax.set_yscale("log")
        ax.set_xlabel("Adam update")
        ax.set_ylabel(title)
    axes[0].legend(loc="best")
    plt.show()
else:
    print("No curves.csv beside this notebook: " + ("looked in " + ", ".join(str(run / "tables") for run in RUNS)
                                                     if RUNS else "no run directory (RUNS is empty)") + ".")

# %% [markdown]
# ## Integration and memory

# %%
if (TABLES / "integration.csv").is_file() and PROTOCOL is not None:
    integration = pd.read_csv(TABLES / "integration.csv")
    fig, axes = plt.subplots(1, 2, figsize=(7, 2.5))
    for ax, column, ylabel in [(axes[0], "plateau", "plateau, mean output z"),
                               (axes[1], "drift_per_s", "drift of output z (1/s)")]:
        wide = integration.pivot(index="duration_ms", columns="seed", values=column)
        ax.plot(wide.index, wide, color=GREY, lw=0.5, alpha=0.6)[0].set_label("each seed")
        ax.plot(wide.index, wide.median(axis=1), color=BLUE, lw=1.6, label="median over seeds")
        ax.axvspan(*PROTOCOL["trained_range_ms"], color=GREEN, alpha=0.08, lw=0, label="trained durations")
        ax.set_xlabel("pulse duration (ms)")
        ax.set_ylabel(ylabel)
    durations = np.array(sorted(integration.duration_ms.unique()))
    axes[0].plot(durations, PROTOCOL["slope_per_ms"] * durations, "k--", lw=1,
                 label=f"target {PROTOCOL['slope_per_ms']:g} × duration")
    axes[1].axhline(0, color="black", lw=0.6)
    axes[0].legend(loc="best")
    plt.show()
else:
    print("No integration.csv (or no run settings) beside this notebook: the integration curve is in "
          "figures/integration_curve.png.")

# %% [markdown]
# ## Every metric across seeds
#
# Mean, sd and median of each metric recomputed from `analysis.csv` (the bootstrap intervals of the
# mean are shown from `summary.csv`: they depend on the resampling generator).

# %%
for metric in summary.index:
    values = finite(analysis[metric])
    row = summary.loc[metric]
    if len(values) != row["n"]:
        check(f"summary/{metric}/n", len(values), row["n"])
    elif len(values):
        check(f"summary/{metric}/mean", values.mean(), row["mean"])
        check(f"summary/{metric}/median", np.median(values), row["median"])

# %%
table = summary[["n", "mean", "sd", "median", "mean_ci_low", "mean_ci_high"]].copy()
table.insert(0, "label (unit)", [LABELS.get(m, m) for m in table.index])
table

# %%
failed = [name for name, ok in CHECKS if not ok]
print(f"{len(CHECKS)} numbers recomputed, {len(failed)} differ from the tables")
assert not failed, "recomputed numbers that differ from the tables: " + ", ".join(failed)

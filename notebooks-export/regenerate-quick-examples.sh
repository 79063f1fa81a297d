#!/usr/bin/env bash
# Regenerates the quick-scale examples under notebooks-export/: quickstart/ (20 seeds of
# experiments/quickstart.yaml) and compare-quick-a-b-f/ (quick systems A, B, F and C on the same seeds),
# with the Lyapunov exponent of their untrained network in each folder's chaos.json.
#
#   notebooks-export/regenerate-quick-examples.sh            # train what is missing, then write the reports
#   REPORTS_ONLY=1 notebooks-export/regenerate-quick-examples.sh   # reports from the existing runs only
#
# Runs go to $RUNS (default runs/quick-examples/), one folder per experiment; a run whose run.json says
# "completed" is reused, an interrupted one is resumed. Each training run takes two to three minutes on a
# quiet 2-core machine (the untrained baseline a few seconds). Run from anywhere; paths are relative to
# the repository root.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUNS="${RUNS:-runs/quick-examples}"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"

completed() {
  [ -f "$1/run.json" ] && grep -q '"status" *: *"completed"' "$1/run.json"
}

train() { # train NAME EXPERIMENT [--set k=v ...]
  local name="$1" experiment="$2"
  shift 2
  local dir="$RUNS/$name"
  if completed "$dir"; then
    echo "reusing $dir" >&2
  elif [ -n "${REPORTS_ONLY:-}" ]; then
    echo "missing completed run $dir (REPORTS_ONLY is set)" >&2
    exit 2
  elif [ -f "$dir/config.resolved.yaml" ]; then
    ./rnnmem run "$experiment" --out "$dir" --resume "$@"
  else
    ./rnnmem run "$experiment" --out "$dir" "$@"
  fi
}

median_precision() { # median of tables/seeds.csv's precision column
  python3 -c 'import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print(statistics.median(float(r["precision"]) for r in rows if r["precision"]))' "$1/tables/seeds.csv"
}

# 1. training runs
train quickstart experiments/quickstart.yaml
train quickstart-untrained experiments/quickstart.yaml --set training.learning_rate=1e-12 --set training.epochs=1
train system-b-quick experiments/system-b-quick.yaml
train system-f-quick experiments/system-f-quick.yaml
train system-c-quick experiments/system-c-quick.yaml

# 2. reports: every generated file of the two folders is replaced (README.md is kept)
for d in notebooks-export/quickstart notebooks-export/compare-quick-a-b-f; do
  mkdir -p "$d"
  find "$d" -mindepth 1 ! -name README.md ! -path "$d" -type f -delete
  find "$d" -mindepth 1 -type d -empty -delete
done
./rnnmem report "$RUNS/quickstart" --reanalyze --out notebooks-export/quickstart
./rnnmem compare "$RUNS/quickstart" "$RUNS/system-b-quick" "$RUNS/system-f-quick" "$RUNS/system-c-quick" \
  --labels A,B,F,C --out notebooks-export/compare-quick-a-b-f

# 3. the untrained network's Lyapunov exponent at its own dt (all four systems share it)
./rnnmem chaos --config experiments/quickstart.yaml --out "$RUNS/chaos-quickstart" --no-figures --json \
  > "$RUNS/chaos-quickstart.json"
cp "$RUNS/chaos-quickstart.json" notebooks-export/quickstart/chaos.json
cp "$RUNS/chaos-quickstart.json" notebooks-export/compare-quick-a-b-f/chaos.json

echo "median precision: trained $(median_precision "$RUNS/quickstart"), untrained (same networks)" \
  "$(median_precision "$RUNS/quickstart-untrained")"

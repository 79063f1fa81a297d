#!/usr/bin/env bash
# Regenerates notebooks-export/edge-of-chaos-n500/: the N = 500 edge-of-chaos sweep
# (experiments/edge-of-chaos-n500.yaml: 7 gains x 10 model seeds, dt = 0.1 tau), its report, and the
# Lyapunov exponents that go with it:
#   chaos_network_seeds.json   lambda_max of 10 random networks per gain (network seeds 1-10, N = 500,
#                              dt = 0.1 tau): where the mean exponent crosses zero, with confidence intervals
#   chaos_own_network.json     lambda_max of each gain's own network, the G the candidates were trained
#                              with (float32, network seed 1), at the experiment's dt
#   crossing.json              per gain the mean over network seeds with its 95% interval, and the gain
#                              where the mean crosses zero with a bootstrap interval (crossing.py)
#   n100/                      the same three files for the N = 100 sweep (experiments/edge-of-chaos.yaml,
#                              report in notebooks-export/edge-of-chaos/), to compare the two sizes
#
#   notebooks-export/edge-of-chaos-n500/regenerate.sh              # sweep (resumed if interrupted) + files
#   REPORT_ONLY=1 notebooks-export/edge-of-chaos-n500/regenerate.sh   # refuse to train; copy the report
#
# The sweep trains with one worker (training.workers: 1 in the base experiment) under nice -n 5, so it
# can share a 2-core machine; projected about 30 minutes of one quiet core (55 minutes of CPU time as
# measured on a contended machine). Sweep output: $SWEEP (default runs/sweeps/edge-of-chaos-n500/).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
SWEEP="${SWEEP:-runs/sweeps/edge-of-chaos-n500}"
OUT=notebooks-export/edge-of-chaos-n500
GAINS=(0.5 0.8 1.0 1.2 1.5 2 3)
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"

if [ -n "${REPORT_ONLY:-}" ]; then
  [ -f "$SWEEP/index.md" ] || { echo "no finished sweep in $SWEEP (REPORT_ONLY is set)" >&2; exit 2; }
else
  nice -n 5 ./rnnmem sweep experiments/edge-of-chaos-n500.yaml --out "$SWEEP"
fi

# chaos of 10 random networks per gain, and of each gain's own (trained) network
if [ ! -f "$SWEEP/chaos_network_seeds.json" ]; then
  ./rnnmem chaos --gains "$(IFS=,; echo "${GAINS[*]}")" --hidden-size 500 --network-seeds 1-10 --dt-tau 0.1 \
    --threads 2 --out "$SWEEP/chaos-network-seeds" --json > "$SWEEP/chaos_network_seeds.json.tmp"
  mv "$SWEEP/chaos_network_seeds.json.tmp" "$SWEEP/chaos_network_seeds.json"
fi
if [ ! -f "$SWEEP/chaos_own_network.json" ]; then
  for g in "${GAINS[@]}"; do
    ./rnnmem chaos --config experiments/edge-of-chaos-n500-base.yaml --set "network.gain=$g" --no-figures \
      --out "$SWEEP/chaos-own-network/gain-$g" --json
  done | jq -s . > "$SWEEP/chaos_own_network.json.tmp"
  mv "$SWEEP/chaos_own_network.json.tmp" "$SWEEP/chaos_own_network.json"
fi

# where the mean exponent crosses zero, with a bootstrap interval (crossing.json)
python3 "$OUT/crossing.py" "$SWEEP" > /dev/null

# the same for the N = 100 sweep (experiments/edge-of-chaos.yaml, notebooks-export/edge-of-chaos/), to compare
N100="$SWEEP/n100"
mkdir -p "$N100"
if [ ! -f "$N100/chaos_network_seeds.json" ]; then
  ./rnnmem chaos --gains "$(IFS=,; echo "${GAINS[*]}")" --hidden-size 100 --network-seeds 1-10 --dt-tau 0.1 \
    --threads 2 --no-figures --out "$N100/chaos-network-seeds" --json > "$N100/chaos_network_seeds.json.tmp"
  mv "$N100/chaos_network_seeds.json.tmp" "$N100/chaos_network_seeds.json"
fi
if [ ! -f "$N100/chaos_own_network.json" ]; then
  for g in "${GAINS[@]}"; do
    ./rnnmem chaos --config experiments/edge-of-chaos-base.yaml --set "network.gain=$g" --no-figures \
      --out "$N100/chaos-own-network/gain-$g" --json
  done | jq -s . > "$N100/chaos_own_network.json.tmp"
  mv "$N100/chaos_own_network.json.tmp" "$N100/chaos_own_network.json"
fi
python3 "$OUT/crossing.py" "$N100" > /dev/null

# the report files of the sweep folder (not the candidates' run directories); README.md is kept
mkdir -p "$OUT"
find "$OUT" -mindepth 1 -type f ! -name README.md ! -name regenerate.sh ! -name crossing.py -delete
find "$OUT" -mindepth 1 -type d -empty -delete
for f in "$SWEEP"/*; do
  case "$(basename "$f")" in
    candidates|chaos-network-seeds|chaos-own-network|n100) ;;
    *) cp -r "$f" "$OUT/" ;;
  esac
done
mkdir -p "$OUT/n100"
cp "$N100"/chaos_network_seeds.json "$N100"/chaos_own_network.json "$N100"/crossing.json "$OUT/n100/"
echo "wrote $OUT" >&2

#!/usr/bin/env bash
# Regenerates the committed reports in notebooks-export/ and runs their notebooks (with Jupyter
# when it is installed). Each export is rebuilt from its run directories under runs/ (not
# committed): runs that are missing are trained first, except System A at full scale (about an
# hour per shard of four seeds on 2 cores), which is trained only with TRAIN_SYSTEM_A=1 and
# otherwise gets only its notebook rewritten and run from the committed tables and weights.
#
#   notebooks-export/regenerate.sh                       every export
#   notebooks-export/regenerate.sh quickstart system-a   only these
#
# Files of an export that the software writes are replaced; README.md files are kept.
set -euo pipefail
cd "$(dirname "$0")/.."
rnnmem=./rnnmem
out=notebooks-export

# Removes what a previous export wrote (everything but README.md) so that nothing stale remains.
clean() {
  find "$out/$1" -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +
}

# Trains EXPERIMENT into DIR unless DIR holds a completed run; extra arguments go to 'rnnmem run'.
train() {
  local experiment=$1 dir=$2
  shift 2
  if [ -f "$dir/run.json" ] && grep -q '"status" : "completed"' "$dir/run.json"; then
    echo "regenerate: reusing $dir" >&2
  else
    "$rnnmem" run "$experiment" --out "$dir" --no-report "$@"
  fi
}

quickstart() {
  train experiments/quickstart.yaml runs/export/quickstart
  clean quickstart
  "$rnnmem" report runs/export/quickstart --reanalyze --out "$out/quickstart"
}

system_a() {
  local s1=runs/system-a-s1-4 s2=runs/system-a-s5-8
  if [ "${TRAIN_SYSTEM_A:-0}" = 1 ]; then
    train experiments/system-a.yaml "$s1" --set 'seeds=[1,2,3,4]'
    train experiments/system-a.yaml "$s2" --set 'seeds=[5,6,7,8]'
  fi
  if [ -f "$s1/run.json" ] && [ -f "$s2/run.json" ]; then
    find "$out/system-a" -mindepth 1 -maxdepth 1 ! -name README.md ! -name runs -exec rm -rf {} +
    rm -rf "$out/system-a/runs"
    "$rnnmem" report "$s1" "$s2" --reanalyze --out "$out/system-a"
  else
    echo "regenerate: $s1 and $s2 not found (TRAIN_SYSTEM_A=1 trains them, about 2 hours on 2 cores);" \
      "rewriting and running only the notebook of $out/system-a from its committed tables and weights" >&2
    "$rnnmem" report --notebook-only "$out/system-a"
  fi
}

compare_quick_a_b_f() {
  train experiments/quickstart.yaml runs/export/compare/a
  train experiments/system-b-quick.yaml runs/export/compare/b
  train experiments/system-f-quick.yaml runs/export/compare/f
  train experiments/system-c-quick.yaml runs/export/compare/c
  clean compare-quick-a-b-f
  "$rnnmem" compare runs/export/compare/a runs/export/compare/b runs/export/compare/f runs/export/compare/c \
    --labels A,B,F,C --out "$out/compare-quick-a-b-f"
}

edge_of_chaos() {
  local sweep=runs/export/edge-of-chaos
  "$rnnmem" sweep experiments/edge-of-chaos.yaml --out "$sweep"
  clean edge-of-chaos
  mkdir -p "$out/edge-of-chaos"
  cp -r "$sweep"/figures "$sweep"/*.csv "$sweep"/*.json "$sweep"/*.yaml "$sweep"/*.md "$sweep"/*.html \
    "$sweep"/*.ipynb "$sweep"/*.png "$sweep"/*.svg "$out/edge-of-chaos/"
}

names=("$@")
[ ${#names[@]} -eq 0 ] && names=(quickstart system-a compare-quick-a-b-f edge-of-chaos)
for name in "${names[@]}"; do
  case "$name" in
    quickstart) quickstart ;;
    system-a) system_a ;;
    compare-quick-a-b-f) compare_quick_a_b_f ;;
    edge-of-chaos) edge_of_chaos ;;
    *) echo "regenerate: unknown export '$name' (quickstart, system-a, compare-quick-a-b-f, edge-of-chaos)" >&2; exit 2 ;;
  esac
done

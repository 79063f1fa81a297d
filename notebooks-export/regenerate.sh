#!/usr/bin/env bash
# Regenerates the committed reports in notebooks-export/ and runs their notebooks (with Jupyter
# when it is installed). Each export is rebuilt from its run directories under runs/ (not
# committed): runs that are missing are trained first, except System A at full scale (about an
# hour per shard of four seeds on 2 cores), which is trained only with TRAIN_SYSTEM_A=1.
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

# The faithful System A ensemble: model seeds 1-20 trained with experiments/system-a.yaml in five
# shards whose run directories are committed under notebooks-export/system-a/runs/ (about an hour
# each on 2 cores). With TRAIN_SYSTEM_A=1 the shards are trained or resumed in place. The report covers
# the completed shards (an interim report until all five are; the README says which). Never deletes a shard.
system_a() {
  local shards=(1,2,3,4:seeds-1-4 5,6,7,8:seeds-5-8 9,10,11,12:seeds-9-12 13,14,15,16:seeds-13-16
                17,18,19,20:seeds-17-20)
  local dirs=() entry seeds dir
  for entry in "${shards[@]}"; do
    seeds=${entry%%:*}; dir="$out/system-a/runs/${entry##*:}"
    if [ -f "$dir/run.json" ] && grep -q '"status" : "completed"' "$dir/run.json"; then
      dirs+=("$dir")
    elif [ "${TRAIN_SYSTEM_A:-0}" = 1 ]; then
      if [ -f "$dir/config.resolved.yaml" ]; then
        "$rnnmem" run experiments/system-a.yaml --out "$dir" --set "seeds=[$seeds]" --resume --no-report
      else
        "$rnnmem" run experiments/system-a.yaml --out "$dir" --set "seeds=[$seeds]" --no-report
      fi
      dirs+=("$dir")
    fi
  done
  if [ "${#dirs[@]}" -eq 0 ]; then
    echo "regenerate: system-a: no shard completed (TRAIN_SYSTEM_A=1 trains them); no report" >&2
    return 0
  fi
  if [ "${#dirs[@]}" -lt "${#shards[@]}" ]; then
    echo "regenerate: system-a: interim report of ${#dirs[@]} of ${#shards[@]} shards (TRAIN_SYSTEM_A=1 trains the rest)" >&2
  fi
  local tmp
  tmp=$(mktemp -d)
  "$rnnmem" report "${dirs[@]}" --reanalyze --out "$tmp/system-a"
  rm -rf "$tmp/system-a/runs"
  cp -r "$tmp/system-a/." "$out/system-a/"
  rm -rf "$tmp"
}

# The earlier System A seeds 1-8 drawn with this project's own generator (experiments/system-a-native.yaml):
# only its notebook is rewritten and run from the committed tables and weights.
system_a_native() {
  "$rnnmem" report --notebook-only "$out/system-a-native-seeds-1-8"
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
[ ${#names[@]} -eq 0 ] && names=(quickstart system-a system-a-native-seeds-1-8 compare-quick-a-b-f edge-of-chaos)
for name in "${names[@]}"; do
  case "$name" in
    quickstart) quickstart ;;
    system-a) system_a ;;
    system-a-native-seeds-1-8) system_a_native ;;
    compare-quick-a-b-f) compare_quick_a_b_f ;;
    edge-of-chaos) edge_of_chaos ;;
    *) echo "regenerate: unknown export '$name' (quickstart, system-a, compare-quick-a-b-f, edge-of-chaos)" >&2; exit 2 ;;
  esac
done

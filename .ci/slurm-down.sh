#!/usr/bin/env bash
# Stops the one-node test cluster that .ci/slurm-up.sh started (by the pid files it wrote).
set -uo pipefail
state=/tmp/rnnmem-slurm
for d in slurmd slurmctld; do
  if [ -f "$state/$d.pid" ]; then
    pid=$(cat "$state/$d.pid")
    kill "$pid" 2>/dev/null && for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    rm -f "$state/$d.pid"
  fi
done
echo "slurm-down: stopped"

#!/usr/bin/env bash
# Starts a one-node Slurm cluster on localhost for the Slurm integration test (SlurmClusterTest):
# installs Debian's munge, slurmctld, slurmd and slurm-client when missing (needs root and apt),
# writes a minimal slurm.conf (ProctrackType=proctrack/pgid, no cgroups, no accounting) and starts
# munged, slurmctld and slurmd. Prints "slurm-up: ready" and exits 0 when sinfo shows the node idle;
# otherwise prints "slurm-up: unavailable: <reason>" and exits 1 (the test then reports itself skipped).
set -uo pipefail
state=/tmp/rnnmem-slurm
mkdir -p "$state"
fail() { echo "slurm-up: unavailable: $*"; exit 1; }

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null \
    || ! command -v munged >/dev/null; then
  [ "$(id -u)" = 0 ] || fail "Slurm is not installed and installing it needs root"
  command -v apt-get >/dev/null || fail "Slurm is not installed and there is no apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends munge slurmctld slurmd slurm-client \
      >"$state/apt.log" 2>&1 || fail "apt-get install failed (see $state/apt.log)"
fi
[ "$(id -u)" = 0 ] || fail "starting slurmd needs root"

host=$(hostname -s)
cpus=$(nproc)
mem=$(awk '/MemTotal/ {print int($2 / 1024 * 0.9)}' /proc/meminfo)
mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm /run/munge /etc/munge
chown slurm:slurm /var/spool/slurmctld /var/log/slurm 2>/dev/null || true
if [ ! -s /etc/munge/munge.key ]; then
  dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
fi
chown -R munge:munge /etc/munge /run/munge /var/lib/munge /var/log/munge 2>/dev/null || true
chmod 0400 /etc/munge/munge.key
chmod 0755 /run/munge

cat >/etc/slurm/slurm.conf <<CONF
# one-node test cluster written by rnn-memory's .ci/slurm-up.sh
ClusterName=rnnmem-test
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
AuthType=auth/munge
ProctrackType=proctrack/pgid
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU_Memory
ReturnToService=2
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldLogFile=$state/slurmctld.log
SlurmdLogFile=$state/slurmd.log
KillWait=30
MinJobAge=600
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
cp /etc/slurm/slurm.conf "$state/slurm.conf"

if ! pgrep -x munged >/dev/null; then
  runuser -u munge -- /usr/sbin/munged >"$state/munged.log" 2>&1 || /usr/sbin/munged --force >"$state/munged.log" 2>&1 \
      || fail "munged did not start (see $state/munged.log)"
fi
[ -f "$state/slurmctld.pid" ] && kill -0 "$(cat "$state/slurmctld.pid")" 2>/dev/null \
    || slurmctld -c >"$state/slurmctld.out" 2>&1 || fail "slurmctld did not start (see $state/slurmctld.log)"
[ -f "$state/slurmd.pid" ] && kill -0 "$(cat "$state/slurmd.pid")" 2>/dev/null \
    || slurmd -c >"$state/slurmd.out" 2>&1 || fail "slurmd did not start (see $state/slurmd.log)"

for _ in $(seq 1 30); do
  if sinfo -h -o '%T' 2>/dev/null | grep -Eq '^(idle|mixed|allocated)'; then
    echo "slurm-up: ready ($host, $cpus CPUs, $mem MiB)"
    exit 0
  fi
  sleep 1
done
fail "the node did not become idle within 30 s: $(sinfo -h -o '%T %E' 2>&1 | head -1) (see $state/slurmctld.log)"

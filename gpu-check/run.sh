#!/usr/bin/env bash
# The GPU engine's device check, on a machine with an NVIDIA GPU (no Java needed): unpacks the Java
# runtime beside this script (once) and runs the self-test, which prints one JSON object on stdout
# (progress on stderr) and exits 0 when every check passes, 1 when one fails, 2 without a usable GPU.
# Arguments go to the self-test (--quick: the small checks only). The CUDA 12/13 libraries are found
# by name (RNNMEM_CUDA_LIBS to point elsewhere); the check takes about two minutes on an H200.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="${GPU_CHECK_WORK:-$here/.run}"
if [ ! -x "$work/java/bin/java" ]; then
  mkdir -p "$work"
  tar -C "$work" -xJf "$here/java-runtime.tar.xz"
fi
if command -v nvidia-smi > /dev/null 2>&1; then
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader >&2 || true
fi
exec "$work/java/bin/java" -Xmx32g -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED \
  -cp "$here/rnnmem-gpu-check.jar" org.rnnmemory.gpu.check.SelfTest "$@"

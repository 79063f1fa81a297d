#!/usr/bin/env bash
# Builds target/gpu-check/, the GPU engine's device check for a machine with an NVIDIA GPU and no Java:
#   java-runtime.tar.xz    a Java 25 runtime linked with java.base only (jlink)
#   rnnmem-gpu-check.jar   the engine (org.rnnmemory.gpu, compiled alone: it needs java.base only) and its
#                          self-test main, org.rnnmemory.gpu.check.SelfTest
#   run.sh                 unpacks the runtime and runs the self-test (prints one JSON object)
# Then checks the bundle here: the classes depend on java.base only, the linked runtime starts the
# self-test, and without a GPU it stops with the one-line error and exit code 2.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$here/target/gpu-check"
limit=$((64 * 1024 * 1024))

java_release() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1
}
jdk=""
for home in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/*; do
  if [ -n "$home" ] && [ -x "$home/bin/jlink" ] && [ "$(java_release "$home/bin/java")" = "25" ]; then
    jdk="$home"
    break
  fi
done
if [ -z "$jdk" ]; then
  echo "gpu-check: no JDK 25 with jlink found (JAVA_HOME or /usr/lib/jvm): install a JDK 25, e.g. Eclipse Temurin 25" >&2
  exit 2
fi
echo "gpu-check: JDK $jdk" >&2

rm -rf "$out"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# the engine and its self-test, compiled on their own: any import outside java.base fails here
"$jdk/bin/javac" --release 25 -proc:none -encoding UTF-8 -d "$work/classes" \
  $(find "$here/src/main/java/org/rnnmemory/gpu" -name '*.java')
deps="$("$jdk/bin/jdeps" --print-module-deps --ignore-missing-deps "$work/classes")"
if [ "$deps" != "java.base" ]; then
  echo "gpu-check: the engine's classes need more than java.base: $deps" >&2
  exit 1
fi
"$jdk/bin/jar" --create --file "$out/rnnmem-gpu-check.jar" --main-class org.rnnmemory.gpu.check.SelfTest \
  -C "$work/classes" .

"$jdk/bin/jlink" --add-modules java.base --strip-debug --no-header-files --no-man-pages --output "$work/java"
tar -C "$work" -cf - java | xz -6 -T0 > "$out/java-runtime.tar.xz"
cp "$here/gpu-check/run.sh" "$out/run.sh"
chmod +x "$out/run.sh"

# the bundle as the GPU machine will use it, here: unpack, start, expect the no-GPU error (or a pass)
GPU_CHECK_WORK="$work/run" "$out/run.sh" --quick > "$work/result.json" 2> "$work/stderr" && rc=0 || rc=$?
if [ "$rc" = 2 ]; then
  echo "gpu-check: bundle starts; without a GPU here it says: $(tail -n 1 "$work/stderr")" >&2
elif [ "$rc" = 0 ]; then
  echo "gpu-check: bundle starts and the quick self-test passed on this machine's GPU" >&2
else
  echo "gpu-check: the bundle's self-test exited with $rc:" >&2
  cat "$work/stderr" >&2
  exit 1
fi

total=$(du -cb "$out"/* | tail -n 1 | cut -f 1)
ls -l "$out" >&2
echo "gpu-check: $out holds $total bytes (limit $limit)" >&2
if [ "$total" -ge "$limit" ]; then
  echo "gpu-check: the bundle is over 64 MiB" >&2
  exit 1
fi

#!/usr/bin/env bash
# The linearizability checker (junit's io.netns4j.junit.check) against Porcupine, the Go
# checker of the same family (WGL with memoization), on the same histories in one run:
# simulated cas registers of 10 clients, linearizable, and the same with one stale read at
# the very end (the hard case: the whole history must be refuted). Times are of the check
# alone, in a warm process on each side (median of 15 rounds after 5 warm-up rounds).
#
#   bench/check/check.sh                 # 1000 and 5000 operations
#   bench/check/check.sh 5000 20000
#
# Porcupine's source: PORCUPINE_SRC, a checkout or a git directory of
# github.com/anishathalye/porcupine (the team's tools: fetch github:anishathalye/porcupine).
# Go comes from Debian's golang-go, installed when missing (needs root).
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
# shellcheck source=../../scripts/jdk.sh
. "$ROOT/scripts/jdk.sh"
require_jdk25
require_maven
SIZES=("${@:-1000 5000}")
read -r -a SIZES <<< "${SIZES[*]}"
for n in "${SIZES[@]}"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "$0: \"$n\" is not a number of operations" >&2; exit 2; }
done
PORCUPINE_SRC=${PORCUPINE_SRC:-/work/.mirror/anishathalye+porcupine/repo}
if [ ! -e "$PORCUPINE_SRC" ]; then
  echo "$0: Porcupine's source is not at $PORCUPINE_SRC: set PORCUPINE_SRC to a checkout of github.com/anishathalye/porcupine" >&2
  exit 1
fi
if ! command -v go >/dev/null; then
  echo "installing Debian's golang-go for the peer" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends golang-go >/dev/null
fi
WORK=$(mktemp -d /tmp/bench-check.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# the peer, built offline against the local Porcupine
mkdir -p "$WORK/porcupine" "$WORK/peer"
if [ -d "$PORCUPINE_SRC/.git" ] || [ ! -f "$PORCUPINE_SRC/go.mod" ]; then
  git --git-dir="$( [ -d "$PORCUPINE_SRC/.git" ] && echo "$PORCUPINE_SRC/.git" || echo "$PORCUPINE_SRC")" archive HEAD \
    | tar -x -C "$WORK/porcupine"
else
  cp -r "$PORCUPINE_SRC"/. "$WORK/porcupine"
fi
cp "$ROOT/bench/check/porcupine_peer.go" "$WORK/peer/main.go"
printf 'module peer\n\ngo 1.16\n\nrequire github.com/anishathalye/porcupine v0.0.0\n\nreplace github.com/anishathalye/porcupine => %s\n' \
  "$WORK/porcupine" > "$WORK/peer/go.mod"
(cd "$WORK/peer" && GOFLAGS=-mod=mod GOPROXY=off GOCACHE="$WORK/gocache" go build -o "$WORK/porcupine-peer" .)
echo "peer: Porcupine $(git --git-dir="$PORCUPINE_SRC" log -1 --format=%h 2>/dev/null || git -C "$PORCUPINE_SRC" log -1 --format=%h 2>/dev/null || echo '?'), $(go version | cut -d' ' -f3)"

cd "$ROOT"
mvn -B -ntp -q -o -pl core,lab,junit -DskipTests test-compile >/dev/null 2>&1 \
  || mvn -B -ntp -q -pl core,lab,junit -DskipTests test-compile >/dev/null
CP="junit/target/test-classes:junit/target/classes:lab/target/classes:core/target/classes:$(cat junit/target/test-classpath.txt)"
"$JAVA_HOME/bin/java" -Xmx4g -cp "$CP" io.netns4j.junit.check.CheckerBenchmark "$WORK/histories" "${SIZES[@]}" | tee "$WORK/java.txt"
files=()
for n in "${SIZES[@]}"; do files+=("$WORK/histories/ok-$n.json" "$WORK/histories/stale-$n.json"); done
"$WORK/porcupine-peer" "${files[@]}" | tee "$WORK/go.txt"
echo
echo "history        entries   java (ms)    go (ms)   java/go   java verdict / go verdict (go gives up after 30 s)"
join -1 2 -2 2 <(sort -k2,2 "$WORK/java.txt") <(sort -k2,2 "$WORK/go.txt") \
  | awk '{printf "%-13s %8d %11.2f %10.2f %9.3f   %s / %s\n", $1, $3, $7, $17, $7 / $17, $5, $15}'

#!/usr/bin/env bash
# What the userspace impairment engine costs with no impairment set, against a plain veth:
# TCP throughput and round-trip time between two namespaces the benchmark makes
# (lab/src/test/java/io/netns4j/lab/wire/WireBenchmark, n4jt-* names, deleted at the end).
# Needs root.   bench/impair-engine.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
# shellcheck source=../scripts/jdk.sh
. "$ROOT/scripts/jdk.sh"
require_jdk25
require_maven
[ "$(id -u)" -eq 0 ] || { echo "bench/impair-engine.sh: run as root (it creates namespaces)" >&2; exit 1; }
cd "$ROOT"
mvn -o -B -ntp -pl core,lab test -Dtest=WireBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dnetns4j.bench=true 2>&1 | sed -n '/^engine counters/,/RTT p99/p'

#!/usr/bin/env bash
# Builds and tests this example against the installed netns4j artifacts and Debian's etcd, as
# root (examples/maven-test.sh: NETNS4J_MAVEN_ARGS, JUNIT_VERSION).
set -euo pipefail
HERE=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
if ! command -v etcd >/dev/null; then
  echo "junit-etcd: needs Debian's etcd (apt-get install etcd-server; .ci/run and the README's first command install it)." >&2
  exit 1
fi
exec "$HERE/../maven-test.sh" "$HERE" "the installed netns4j-junit and Debian's etcd"

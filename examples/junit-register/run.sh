#!/usr/bin/env bash
# Builds and tests this example against the installed netns4j artifacts, as root
# (examples/maven-test.sh: NETNS4J_MAVEN_ARGS, JUNIT_VERSION).
set -euo pipefail
HERE=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
exec "$HERE/../maven-test.sh" "$HERE" "the installed netns4j-junit"

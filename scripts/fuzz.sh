#!/usr/bin/env bash
# Coverage-guided fuzzing (Jazzer) of every decoder: netlink messages and attributes, nft JSON,
# iptables lines (and their iptables-nft encoding), lab files.
#
#   scripts/fuzz.sh [MINUTES]     fuzz each target for MINUTES (default 1), one after the other
#
# Each target's @FuzzTest runs with JAZZER_FUZZ=1 for 60 s at a time (its maxDuration), again
# and again until MINUTES have passed; the corpus grows in .cifuzz-corpus/ (not kept in git) and
# each run starts from it and from the kept seeds in src/test/resources/.../*FuzzTestInputs/.
# A finding (an exception other than the decoder's typed one) stops the run: Jazzer writes the
# input as crash-* in the project root: move it into the target's seed directory (as
# finding-NAME), where it fails the normal test run until the decoder is fixed.
# Prints, per target, the executions and the findings. Without JAZZER_FUZZ the same tests only
# replay the kept seeds: that is what ./run-tests and CI do.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
require_jdk25
minutes=${1:-1}
targets=(
  "core NetlinkDecoderFuzzTest#messagesDecodeOrAreRefusedAsMalformed"
  "core NetlinkDecoderFuzzTest#attributesNestToAnyDepthOrAreRefused"
  "core LinkKindFuzzTest#kindsAndRulesDecodeOrAreRefused"
  "core RulesetJsonFuzzTest#nftJsonParsesOrIsRefused"
  "core IptablesLineFuzzTest#linesParseAndWhatIsWrittenReadsBack"
  "lab TopologyFileFuzzTest#labFilesParseOrAreRefused"
)
log=$(mktemp -d /tmp/netns4j-fuzz.XXXXXX)
total_runs=0
failures=0
for t in "${targets[@]}"; do
  module=${t%% *}
  test=${t#* }
  runs=0
  found=0
  end=$((SECONDS + minutes * 60))
  round=0
  while [ "$SECONDS" -lt "$end" ]; do
    round=$((round + 1))
    out="$log/${test//[#]/-}-$round.log"
    if ! JAZZER_FUZZ=1 mvn -B -ntp -q -pl core,"$module" test -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
        >"$out" 2>&1; then
      echo "FINDING in $test (log: $out)"
      grep -m3 -E "FuzzTestFinding|Exception" "$out" || true
      failures=$((failures + 1))
      found=1
      break
    fi
    n=$(grep -oE "Done [0-9]+ runs" "$out" | awk '{s += $2} END {print s + 0}')
    runs=$((runs + n))
  done
  echo "$test: $runs executions, $([ "$found" -gt 0 ] && echo "stopped by a finding" || echo "0 findings")"
  total_runs=$((total_runs + runs))
done
echo "fuzzing: $total_runs executions in all, $failures findings (logs in $log)"
[ "$failures" -eq 0 ]

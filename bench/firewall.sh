#!/usr/bin/env bash
# Replacing a namespace's whole nftables ruleset (N rules) and listing it: netns4j's
# Firewall (libnftables through FFM, in-process) against the nft binary run with
# `ip netns exec`, in one JMH run (FirewallBenchmark). Run as root; it touches only the
# bench-<pid>-fw namespace it makes, which bench/jmh.sh deletes however the run ends.
#
#   bench/firewall.sh                   # N=1000, 1 fork, 3 x 2 s warm-up, 5 x 2 s measured
#   bench/firewall.sh -p rules=100,1000 -i 10     # any JMH option
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
"$ROOT/bench/jmh.sh" 'FirewallBenchmark' "$@"

echo
echo "Firewall: min and median per operation (ms), and the nft process's time over netns4j's"
jq -r '
  map(select(.benchmark | contains("FirewallBenchmark")) | {
      m: (.benchmark | split(".")[-1]), n: .params.rules,
      min: (.primaryMetric.scorePercentiles["0.0"] / 1000), med: (.primaryMetric.scorePercentiles["50.0"] / 1000)})
  | . as $all
  | (["operation", "rules", "min_ms", "median_ms", "nft_over_netns4j_median"] | @tsv),
    (.[] | . as $r
      | ([$all[] | select(.n == $r.n and .m == ($r.m | sub("Netns4j$"; "NftProcess")))][0]) as $peer
      | [$r.m, $r.n, ($r.min * 100 | round / 100), ($r.med * 100 | round / 100),
         (if ($r.m | endswith("Netns4j")) and $peer then ($peer.med / $r.med * 100 | round / 100) else "-" end)] | @tsv)
' "$ROOT/target/jmh/result.json" | column -t

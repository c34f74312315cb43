#!/usr/bin/env bash
# Reports every package-level dependency cycle among the io.netns4j.* packages of the built
# jars (core, lab, cli), as jdeps sees them in the bytecode. Exits 1 if there is a cycle,
# 2 if the jars are not built. Build first: mvn -DskipTests package (or install). A cycle is
# reported as one strongly connected component (Tarjan), with the classes behind each edge.
# snakeyaml-engine (lab's dependency) is put on jdeps' module path (the jars are modules): $SNAKEYAML_JAR, or the
# jar in the local Maven repository (-Dmaven.repo.local=... in NETNS4J_MAVEN_ARGS, else
# ~/.m2/repository).
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
# shellcheck source=jdk.sh
. "$ROOT/scripts/jdk.sh"
require_jdk25
cd "$ROOT"

jars=()
for pattern in 'core/target/netns4j-core-*.jar' 'lab/target/*.jar' 'cli/target/netns4j-cli-*.jar'; do
  found=0
  for j in $pattern; do
    case "$j" in *-tests.jar|*-sources.jar|*-javadoc.jar) continue ;; esac
    [ -f "$j" ] || continue
    jars+=("$j")
    found=1
  done
  if [ "$found" -eq 0 ]; then
    echo "package-cycles: no jar matches $pattern; build first (mvn -DskipTests package)." >&2
    exit 2
  fi
done

classpath=()
yaml=${SNAKEYAML_JAR:-}
if [ -z "$yaml" ]; then
  repo=$(sed -n 's/.*-Dmaven\.repo\.local=\([^ ]*\).*/\1/p' <<< "${NETNS4J_MAVEN_ARGS:-}")
  repo=${repo:-$HOME/.m2/repository}
  version=$(sed -n 's#.*<snakeyaml.version>\(.*\)</snakeyaml.version>.*#\1#p' pom.xml | head -1)
  yaml="$repo/org/snakeyaml/snakeyaml-engine/$version/snakeyaml-engine-$version.jar"
fi
if [ -f "$yaml" ]; then
  classpath=(--module-path "$yaml")
else
  echo "package-cycles: snakeyaml-engine not found at $yaml (set SNAKEYAML_JAR); its packages show as 'not found'." >&2
fi

echo "package-cycles: jdeps over ${jars[*]}${classpath[1]:+ (module path: ${classpath[1]})}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for level in package class; do
  if ! "$JAVA_HOME/bin/jdeps" --multi-release 25 "${classpath[@]}" -verbose:$level "${jars[@]}" > "$work/$level.txt" 2>&1; then
    echo "package-cycles: jdeps failed:" >&2
    cat "$work/$level.txt" >&2
    exit 2
  fi
done

python3 - "$work/package.txt" "$work/class.txt" <<'PY'
import re, sys
from collections import defaultdict

EDGE = re.compile(r'^\s+(io\.netns4j[\w.$]*)\s+->\s+(io\.netns4j[\w.$]*)\s')
packages = defaultdict(set)
for line in open(sys.argv[1]):
    m = EDGE.match(line)
    if m and m.group(1) != m.group(2):
        packages[m.group(1)].add(m.group(2))
nodes = sorted(set(packages) | {q for qs in packages.values() for q in qs})

# Which classes make each package edge (for the report only).
def package_of(cls):
    best = ''
    for p in nodes:
        if cls.startswith(p + '.') and len(p) > len(best):
            best = p
    return best
because = defaultdict(list)
for line in open(sys.argv[2]):
    m = EDGE.match(line)
    if m:
        edge = (package_of(m.group(1)), package_of(m.group(2)))
        if edge[0] != edge[1]:
            because[edge].append(m.group(1).rsplit('.', 1)[-1] + ' -> ' + m.group(2)[len(edge[1]) + 1:])

# Tarjan's strongly connected components, iterative.
index, low, on_stack, stack, sccs, counter = {}, {}, set(), [], [], [0]
for root in nodes:
    if root in index:
        continue
    work = [(root, iter(sorted(packages[root])))]
    index[root] = low[root] = counter[0]; counter[0] += 1
    stack.append(root); on_stack.add(root)
    while work:
        v, children = work[-1]
        advanced = False
        for w in children:
            if w not in index:
                index[w] = low[w] = counter[0]; counter[0] += 1
                stack.append(w); on_stack.add(w)
                work.append((w, iter(sorted(packages[w]))))
                advanced = True
                break
            if w in on_stack:
                low[v] = min(low[v], index[w])
        if advanced:
            continue
        work.pop()
        if work:
            low[work[-1][0]] = min(low[work[-1][0]], low[v])
        if low[v] == index[v]:
            scc = []
            while True:
                w = stack.pop(); on_stack.discard(w); scc.append(w)
                if w == v:
                    break
            if len(scc) > 1:
                sccs.append(sorted(scc))

edges = sum(len(q) for q in packages.values())
print(f"package-cycles: {len(nodes)} io.netns4j packages, {edges} dependencies between them")
if not sccs:
    print("package-cycles: no cycle")
    sys.exit(0)
for n, scc in enumerate(sorted(sccs, key=lambda s: (-len(s), s)), 1):
    members = set(scc)
    print(f"cycle {n} ({len(scc)} packages): {', '.join(scc)}")
    for p in scc:
        for q in sorted(packages[p] & members):
            classes = sorted(set(because[(p, q)]))
            shown = ', '.join(classes[:3]) + (f', ... ({len(classes)} in all)' if len(classes) > 3 else '')
            print(f"  {p} -> {q}: {shown}")
print(f"package-cycles: {len(sccs)} cycle(s)")
sys.exit(1)
PY

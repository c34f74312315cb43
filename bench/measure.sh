# Shared by the whole-process benchmarks (sourced after PREFIX and WORK are set): measure a
# command's wall and system time, wait for the kernel's asynchronous namespace teardown with
# a canary veth, and print min/median. SETTLE_POLLS (default 30000, 10 ms each) bounds the wait.

# Runs a command, output discarded; sets WALL_US and SYS_MS (system CPU time of the shell's
# children). Aborts the benchmark when the command fails.
measure() {
  local t0 t1 TIMEFORMAT='%3S'
  t0=$EPOCHREALTIME
  if ! { time "$@" >/dev/null 2>>"$WORK/log"; } 2>"$WORK/time"; then
    echo "FAILED: $*" >&2
    tail -5 "$WORK/log" >&2
    exit 1
  fi
  t1=$EPOCHREALTIME
  if grep -q 'netns4j: building' "$WORK/log"; then
    echo "FAILED: the launcher rebuilt netns4j during a measurement (sources changed); run again" >&2
    exit 1
  fi
  WALL_US=$(( ${t1/./} - ${t0/./} ))
  SYS_MS=$(awk '{printf "%d", $1 * 1000}' "$WORK/time")
}

# The kernel tears deleted namespaces down in the background, in the order they were
# deleted. So that no tool pays for another's teardown, wait for it after each down: a
# canary namespace B, deleted last, has a veth into A; when A's end is gone, the kernel has
# got through B and everything queued before it. Sets TEARDOWN_US.
CANARY_A=${PREFIX}canary-a CANARY_B=${PREFIX}canary-b
canary_arm() {
  ip netns add "$CANARY_B"
  ip -n "$CANARY_A" link add canary type veth peer name canary netns "$CANARY_B"
}
canary_start() { ip netns add "$CANARY_A"; canary_arm; }
canary_stop() { ip netns delete "$CANARY_B"; ip netns delete "$CANARY_A"; }
settle() {
  local t0=$EPOCHREALTIME i
  ip netns delete "$CANARY_B"
  for ((i = 0; i < ${SETTLE_POLLS:-30000}; i++)); do
    ip -n "$CANARY_A" link show canary >/dev/null 2>&1 || break
    sleep 0.01
  done
  TEARDOWN_US=$(( ${EPOCHREALTIME/./} - ${t0/./} ))
  ((i < ${SETTLE_POLLS:-30000})) || echo "note: kernel teardown still running after $(( ${SETTLE_POLLS:-30000} / 100 )) s" >&2
  canary_arm
}

# Reads numbers on stdin; prints "min median".
stats() { sort -n | awk '{a[NR] = $1} END {m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; print a[1], m}'; }


# Runs the commands given (each one shell-quoted string; an empty one is skipped) RUNS times,
# interleaved: one of each per round, so drift on the machine hits every command alike. For
# the i-th command, appends "WALL CPU" (wall and user+sys time, tenths of a millisecond) to
# $WORK/t<i>, one line a run. Used by bench/startup.sh and bench/floor/floor.sh.
interleaved_runs() {
  local runs=$1 r i s e
  shift
  local -a list=("$@")
  for ((i = 0; i < ${#list[@]}; i++)); do : > "$WORK/t$i"; done
  for ((r = 0; r < runs; r++)); do
    for ((i = 0; i < ${#list[@]}; i++)); do
      [ -n "${list[i]}" ] || continue
      s=$(date +%s%N)
      eval "/usr/bin/time -f '%U %S' -o '$WORK/cpu' ${list[i]}" >/dev/null 2>&1
      e=$(date +%s%N)
      echo "$(( (e - s) / 100000 )) $(awk '{printf "%d", ($1 + $2) * 10000}' "$WORK/cpu")" >> "$WORK/t$i"
    done
  done
}

# Reads tenths of a millisecond on stdin (interleaved_runs' columns); prints the median in ms.
median_tenths() { sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/10}'; }

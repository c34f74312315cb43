# Shared by bench/lab/lab.sh and bench/lab/profile.sh (sourced; ROOT is set): the names this
# run may touch, clean-up on any exit, timing, waiting for the kernel's teardown, statistics
# and the Go peers.
# shellcheck shell=bash
# shellcheck source=../../scripts/jdk.sh
. "$ROOT/scripts/jdk.sh"
require_jdk25
[ "$(id -u)" -eq 0 ] || { echo "$0: run as root (it creates namespaces)" >&2; exit 1; }

PREFIX="bench-$$-"   # the ip and Go peers' namespaces, and the canary
LABS="bl$$"          # lab names: bl<pid>s<N> (star), bl<pid>l<N> (line)
WORK=$(mktemp -d /tmp/bench-lab.XXXXXX)

cleanup() {
  local f
  for f in /run/netns/"$PREFIX"* /run/netns/"$LABS"[sl][0-9]*; do
    [ -e "$f" ] && { ip netns delete "${f##*/}" || echo "cleanup: could not delete ${f##*/}" >&2; }
  done
  rm -f /run/netns4j/labs/"$LABS"[sl][0-9]*.lock
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- measuring (as bench/netns-add-delete.sh) ----

# shellcheck source=../measure.sh
. "$(dirname "${BASH_SOURCE[0]}")/../measure.sh"

# ---- the Go peers, built from Debian's packages: $WORK/star-go (bench/star/star.go) and
# $WORK/lab-go (bench/lab/lab.go) ----

build_go_peers() {
  if ! command -v go >/dev/null || [ ! -d /usr/share/gocode/src/github.com/vishvananda/netlink ] \
    || [ ! -d /usr/share/gocode/src/github.com/vishvananda/netns ]; then
    echo "installing the Go peers' Debian packages" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends golang-go \
      golang-github-vishvananda-netlink-dev golang-github-vishvananda-netns-dev >/dev/null
  fi
  mkdir "$WORK/go-star" "$WORK/go-lab"
  cp "$ROOT/bench/star/star.go" "$WORK/go-star/"
  cp "$ROOT/bench/lab/lab.go" "$WORK/go-lab/"
  (cd "$WORK/go-star" && GOPATH=/usr/share/gocode GO111MODULE=off go build -o "$WORK/star-go" star.go)
  (cd "$WORK/go-lab" && GOPATH=/usr/share/gocode GO111MODULE=off go build -o "$WORK/lab-go" lab.go)
}


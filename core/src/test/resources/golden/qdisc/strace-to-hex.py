#!/usr/bin/env python3
"""Reads `strace -xx -X raw -e trace=sendmsg` output on stdin and prints the last
RTM_NEWQDISC (type 0x24) request as hex lines, seq and pid zeroed, after two '#' header
lines: argv[1] (the command) and the psched clock, naming argv[2] (the capture script)."""
import re
import struct
import sys

last = None
for line in sys.stdin:
    m = re.search(r"nlmsg_len=(\d+), nlmsg_type=(0x[0-9a-f]+), nlmsg_flags=(0x[0-9a-f]+), nlmsg_seq=(\d+), "
                  r"nlmsg_pid=(\d+)\}, \"((?:\\x[0-9a-f]{2})*)\"", line)
    if m and int(m.group(2), 16) == 0x24:
        last = m
if last is None:
    sys.exit("no RTM_NEWQDISC request in the strace output")
body = bytes(int(h, 16) for h in re.findall(r"\\x([0-9a-f]{2})", last.group(6)))
data = struct.pack("<IHHII", int(last.group(1)), int(last.group(2), 16), int(last.group(3), 16), 0, 0) + body
print("# " + sys.argv[1])
print("# psched: " + open("/proc/net/psched").read().strip() + "; captured by " + sys.argv[2] + ", seq and pid zeroed")
for i in range(0, len(data), 16):
    print(" ".join("%02x" % b for b in data[i:i + 16]))

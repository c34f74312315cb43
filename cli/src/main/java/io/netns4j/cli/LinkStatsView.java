package io.netns4j.cli;

import io.netns4j.link.LinkStats;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A link's counters as {@code ip -s link} prints them ({@code -s -s}: with the error rows),
 * columns as wide as their widest number, and as {@code ip -j -s}'s {@code stats64} object.
 */
final class LinkStatsView {
    private final int level;
    private final boolean human;

    /** @param level how many times {@code -s} was given; @param human {@code -human} */
    LinkStatsView(int level, boolean human) {
        this.level = level;
        this.human = human;
    }

    /** The rows, each ending in a newline (a line break, for {@code -o} to fold). */
    String text(LinkStats s) {
        int[] cols = {"*X errors:".length(), "packets".length(), "errors".length(), "dropped".length(),
                "heartbt".length(), "overrun".length(), "compressed".length(), "otherhost".length()};
        long cc = s.carrierChanges() == null ? 0 : s.carrierChanges();
        size(cols, s.rxBytes(), s.rxPackets(), s.rxErrors(), s.rxDropped(), s.rxMissed(), s.multicast(),
                s.rxCompressed(), 0);
        if (level > 1) {
            size(cols, 0, s.rxLengthErrors(), s.rxCrcErrors(), s.rxFrameErrors(), s.rxFifoErrors(), s.rxOverErrors(),
                    s.rxNohandler(), s.rxOtherhostDropped());
        }
        size(cols, s.txBytes(), s.txPackets(), s.txErrors(), s.txDropped(), s.txCarrierErrors(), s.collisions(),
                s.txCompressed(), 0);
        if (level > 1) {
            size(cols, 0, 0, s.txAbortedErrors(), s.txFifoErrors(), s.txWindowErrors(), s.txHeartbeatErrors(), cc, 0);
        }
        StringBuilder sb = new StringBuilder();
        sb.append("    RX: ").append(header(cols, -4, "bytes", "packets", "errors", "dropped", "missed", "mcast",
                s.rxCompressed() != 0 ? "compressed" : "")).append('\n');
        sb.append("    ");
        nums(sb, cols, 0, s.rxBytes(), s.rxPackets(), s.rxErrors(), s.rxDropped(), s.rxMissed(), s.multicast());
        if (s.rxCompressed() != 0) {
            num(sb, cols[6], s.rxCompressed());
        }
        if (level > 1) {
            sb.append('\n').append("    RX errors:").append(header(cols, -10, "", "length", "crc", "frame", "fifo",
                    "overrun"));
            if (s.rxNohandler() != 0) {
                sb.append(pad(cols[6] + 1, " nohandler"));
            }
            if (s.rxOtherhostDropped() != 0) {
                sb.append(pad(cols[7] + 1, " otherhost"));
            }
            sb.append('\n').append(" ".repeat(cols[0] + 5));
            nums(sb, cols, 1, s.rxLengthErrors(), s.rxCrcErrors(), s.rxFrameErrors(), s.rxFifoErrors(),
                    s.rxOverErrors());
            if (s.rxNohandler() != 0) {
                num(sb, cols[6], s.rxNohandler());
            }
            if (s.rxOtherhostDropped() != 0) {
                num(sb, cols[7], s.rxOtherhostDropped());
            }
        }
        sb.append('\n');
        sb.append("    TX: ").append(header(cols, -4, "bytes", "packets", "errors", "dropped", "carrier", "collsns",
                s.txCompressed() != 0 ? "compressed" : "")).append('\n');
        sb.append("    ");
        nums(sb, cols, 0, s.txBytes(), s.txPackets(), s.txErrors(), s.txDropped(), s.txCarrierErrors(),
                s.collisions());
        if (s.txCompressed() != 0) {
            num(sb, cols[6], s.txCompressed());
        }
        if (level > 1) {
            sb.append('\n').append("    TX errors:").append(header(cols, -10, "", "aborted", "fifo", "window",
                    "heartbt", s.carrierChanges() != null ? "transns" : "")).append('\n');
            sb.append(" ".repeat(cols[0] + 5));
            nums(sb, cols, 1, s.txAbortedErrors(), s.txFifoErrors(), s.txWindowErrors(), s.txHeartbeatErrors());
            if (s.carrierChanges() != null) {
                num(sb, cols[5], cc);
            }
        }
        return sb.append('\n').toString();
    }

    private void size(int[] cols, long... values) {
        if (human) {
            return;
        }
        for (int i = 0; i < values.length; i++) {
            int len = Long.toUnsignedString(values[i]).length();
            cols[i] = Math.max(cols[i], len);
        }
    }

    private void nums(StringBuilder sb, int[] cols, int first, long... values) {
        for (int i = 0; i < values.length; i++) {
            num(sb, cols[first + i], values[i]);
        }
    }

    /** ip's print_num: the number right-aligned and a space; with -human, k/M/G... with 3 digits. */
    private void num(StringBuilder sb, int width, long count) {
        if (!human || Long.compareUnsigned(count, 1000) < 0) {
            sb.append(pad(width, Long.toUnsignedString(count))).append(' ');
            return;
        }
        String prefix = "kMGTPE";
        int p = 0;
        long powi = 1;
        while (true) {
            powi *= 1000;
            if (Long.divideUnsigned(count, 1000) < powi || p == prefix.length() - 1) {
                break;
            }
            p++;
        }
        int precision = 2;
        long powj = 1;
        for (; precision > 0; precision--) {
            powj *= 10;
            if (Long.divideUnsigned(count, powi) < powj) {
                break;
            }
        }
        String text = String.format(Locale.ROOT, "%." + precision + "f%c", (double) count / powi, prefix.charAt(p));
        sb.append(pad(width, text)).append(' ');
    }

    /** Column titles right-aligned to the columns, one space between; the first {@code firstLess} narrower. */
    private static String header(int[] cols, int firstLess, String... titles) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < titles.length; i++) {
            sb.append(i == 0 ? "" : " ").append(pad(cols[i] + (i == 0 ? firstLess : 0), titles[i]));
        }
        return sb.toString();
    }

    private static String pad(int width, String text) {
        return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
    }

    /** ip -j -s's {@code stats64}: rx and tx, with the error keys at {@code -s -s}. */
    Map<String, Object> json(LinkStats s) {
        Map<String, Object> rx = new LinkedHashMap<>();
        rx.put("bytes", s.rxBytes());
        rx.put("packets", s.rxPackets());
        rx.put("errors", s.rxErrors());
        rx.put("dropped", s.rxDropped());
        rx.put("over_errors", s.rxOverErrors());
        rx.put("multicast", s.multicast());
        putNonZero(rx, "compressed", s.rxCompressed());
        if (level > 1) {
            rx.put("length_errors", s.rxLengthErrors());
            rx.put("crc_errors", s.rxCrcErrors());
            rx.put("frame_errors", s.rxFrameErrors());
            rx.put("fifo_errors", s.rxFifoErrors());
            rx.put("missed_errors", s.rxMissed());
            putNonZero(rx, "nohandler", s.rxNohandler());
            putNonZero(rx, "otherhost", s.rxOtherhostDropped());
        }
        Map<String, Object> tx = new LinkedHashMap<>();
        tx.put("bytes", s.txBytes());
        tx.put("packets", s.txPackets());
        tx.put("errors", s.txErrors());
        tx.put("dropped", s.txDropped());
        tx.put("carrier_errors", s.txCarrierErrors());
        tx.put("collisions", s.collisions());
        putNonZero(tx, "compressed", s.txCompressed());
        if (level > 1) {
            tx.put("aborted_errors", s.txAbortedErrors());
            tx.put("fifo_errors", s.txFifoErrors());
            tx.put("window_errors", s.txWindowErrors());
            tx.put("heartbeat_errors", s.txHeartbeatErrors());
            if (s.carrierChanges() != null) {
                tx.put("carrier_changes", s.carrierChanges());
            }
        }
        Map<String, Object> both = new LinkedHashMap<>();
        both.put("rx", rx);
        both.put("tx", tx);
        return both;
    }

    private static void putNonZero(Map<String, Object> m, String key, long value) {
        if (value != 0) {
            m.put(key, value);
        }
    }
}

package io.netns4j.lab.wire;

import io.netns4j.error.NetnsException;
import io.netns4j.link.PacketSocket;
import io.netns4j.link.TapDevice;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The two threads of one engine (platform threads: they sit in FFM calls). The reader takes each
 * frame from the tap, asks {@link NetemDecisions} what netem would do with it, and either sends it
 * at once (nothing set that makes frames wait) or queues it by release time; the scheduler parks
 * until the head of the queue is due ({@code System.nanoTime}, {@link LockSupport#parkNanos}) and
 * sends it out of the device through the packet socket. The queue holds at most {@code limit}
 * frames (netem's {@code limit}, default 1000); frames that find it full are dropped.
 */
final class FramePump {
    private static final int POLL_MILLIS = 50;
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS);
    /** The largest frame a device of MTU 65535 sends, with its Ethernet header and a VLAN tag. */
    static final int FRAME_MAX = 65535 + 18;
    private static final int DEFAULT_LIMIT = 1000;

    private record Queued(boolean head, long sendAt, long order, byte[] frame) implements Comparable<Queued> {
        @Override
        public int compareTo(Queued o) {
            if (head != o.head) {
                return head ? -1 : 1; // netem's head queue (reordered frames) goes before its time-ordered queue
            }
            int c = Long.compare(sendAt, o.sendAt);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    private final TapDevice tap;
    private final PacketSocket out;
    private final String name;
    private final PriorityQueue<Queued> queue = new PriorityQueue<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong duplicated = new AtomicLong();
    private final AtomicLong reordered = new AtomicLong();
    private final AtomicLong corrupted = new AtomicLong();
    private volatile NetemDecisions decisions;
    private volatile int limit;
    private volatile boolean stopping;
    private volatile boolean done;
    private volatile Throwable failure;
    private long order;
    private long tail = Long.MIN_VALUE;
    private Thread reader;
    private Thread scheduler;

    FramePump(TapDevice tap, PacketSocket out, String name, NetemDecisions decisions, Integer limit) {
        this.tap = tap;
        this.out = out;
        this.name = name;
        use(decisions, limit);
    }

    /** From now on, decide with {@code d} (an update); frames already queued keep their times. */
    void use(NetemDecisions d, Integer queueLimit) {
        this.limit = queueLimit == null ? DEFAULT_LIMIT : queueLimit;
        this.decisions = d;
    }

    void start() {
        scheduler = Thread.ofPlatform().daemon().name("netns4j-impair-" + name + "-send").start(this::schedule);
        reader = Thread.ofPlatform().daemon().name("netns4j-impair-" + name + "-read").start(this::read);
    }

    /**
     * Stops both threads and waits for them (a read ends within its poll time-out). What is in flight
     * is delivered at once rather than dropped: the frames left in the tap and in the queue. netem drops
     * its queue when deleted; the engine delivers it, so that the last segments of connections (a
     * peer's FIN when {@code lab down} stops processes) arrive, and no socket is left waiting for them
     * while it holds its namespace.
     */
    void stop() throws InterruptedException {
        stopping = true;
        if (reader != null) {
            reader.join(TimeUnit.SECONDS.toMillis(5));
        }
        done = true;
        if (scheduler != null) {
            LockSupport.unpark(scheduler);
            scheduler.join(TimeUnit.SECONDS.toMillis(5));
        }
        synchronized (queue) {
            dropped.addAndGet(queue.size());
            queue.clear();
        }
    }

    boolean alive() {
        return reader != null && reader.isAlive() && scheduler.isAlive();
    }

    Throwable failure() {
        return failure;
    }

    EngineCounters counters() {
        return new EngineCounters(received.get(), sent.get(), dropped.get(), duplicated.get(), reordered.get(),
                corrupted.get());
    }

    private void read() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(FRAME_MAX, 16);
            while (!stopping) {
                int n = tap.read(buffer, POLL_MILLIS);
                if (n > 0) {
                    received.incrementAndGet();
                    take(buffer, n, System.nanoTime());
                }
            }
            for (int n; failure == null && (n = tap.read(buffer, 0)) > 0; ) { // what is left in the tap: on at once
                received.incrementAndGet();
                send(buffer, n);
            }
        } catch (NetnsException | RuntimeException e) {
            fail(e);
        }
    }

    private void take(MemorySegment buffer, int length, long now) throws NetnsException {
        NetemDecisions d = decisions;
        NetemDecisions.Admission a = d.admit(true);
        if (a.dropped()) {
            dropped.incrementAndGet();
            return;
        }
        if (a.copyLost()) {
            dropped.incrementAndGet();
        }
        byte[] original = null;
        if (a.duplicated()) {
            duplicated.incrementAndGet();
            original = buffer.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE);
            // netem enqueues the copy first, through the same steps, with duplication off
            NetemDecisions.Admission c = d.admit(false);
            if (c.dropped()) {
                dropped.incrementAndGet();
            } else {
                place(d, original.clone(), now);
            }
        }
        if (d.neverWaits() && queueEmpty()) {
            NetemDecisions.Placement p = d.place(length, now, Long.MIN_VALUE);
            corrupt(buffer, p);
            send(buffer, length);
            return;
        }
        place(d, original != null ? original : buffer.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE), now);
    }

    private boolean queueEmpty() {
        synchronized (queue) {
            return queue.isEmpty();
        }
    }

    private void place(NetemDecisions d, byte[] frame, long now) {
        boolean wake;
        synchronized (queue) {
            if (queue.size() >= limit) {
                dropped.incrementAndGet();
                return;
            }
            NetemDecisions.Placement p = d.place(frame.length, now, tail);
            if (p.corruptByte() >= 0) {
                frame[p.corruptByte()] ^= (byte) (1 << p.corruptBit());
                corrupted.incrementAndGet();
            }
            if (p.atOnce()) {
                reordered.incrementAndGet();
            } else {
                tail = p.sendAt();
            }
            Queued q = new Queued(p.atOnce(), p.sendAt(), order++, frame);
            queue.add(q);
            wake = queue.peek() == q;
        }
        if (wake) {
            LockSupport.unpark(scheduler);
        }
    }

    private void corrupt(MemorySegment buffer, NetemDecisions.Placement p) {
        if (p.corruptByte() >= 0) {
            byte b = buffer.get(ValueLayout.JAVA_BYTE, p.corruptByte());
            buffer.set(ValueLayout.JAVA_BYTE, p.corruptByte(), (byte) (b ^ (1 << p.corruptBit())));
            corrupted.incrementAndGet();
        }
    }

    private void send(MemorySegment frame, int length) throws NetnsException {
        if (out.send(frame, length)) {
            sent.incrementAndGet();
        } else {
            dropped.incrementAndGet();
        }
    }

    private void schedule() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(FRAME_MAX, 16);
            for (; ; ) {
                Queued due;
                long wait;
                boolean last = done;
                synchronized (queue) {
                    Queued head = queue.peek();
                    wait = head == null ? IDLE_NANOS : head.sendAt() - System.nanoTime();
                    due = head != null && (head.head() || wait <= 0 || stopping) ? queue.poll() : null;
                }
                if (due == null) {
                    if (last || failure != null) {
                        return; // stopped, and the queue is flushed
                    }
                    LockSupport.parkNanos(this, wait);
                    continue;
                }
                MemorySegment.copy(due.frame(), 0, buffer, ValueLayout.JAVA_BYTE, 0, due.frame().length);
                send(buffer, due.frame().length);
            }
        } catch (NetnsException | RuntimeException e) {
            fail(e);
        }
    }

    private void fail(Throwable e) {
        if (!stopping || failure == null) {
            failure = e;
            stopping = true;
            done = true;
            LockSupport.unpark(scheduler);
        }
    }
}

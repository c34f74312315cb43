package io.netns4j.lab.fault;

import io.netns4j.lab.model.Impairment;
import io.netns4j.lab.model.Impairment.Engine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Impairments without a kernel: the command-line words read into an {@link Impairment} and written
 * back, the engine choice, what {@link LinkImpairments#apply} would leave in place with each
 * engine, and the JSON fields of {@code lab show -j}.
 */
class ImpairmentWordsTest {
    private static Impairment parse(String words) {
        return Impairment.parse(List.of(words.split(" ")));
    }

    private static String error(String words) {
        return assertThrows(IllegalArgumentException.class, () -> parse(words)).getMessage();
    }

    private static final Impairment ALL = LinkImpairments.netem(10_000_000L, Duration.ofMillis(50), Duration.ofMillis(10),
            1.0, 0.1, 5.0);

    @Test
    void wordsReadAsAnImpairment() {
        // the words themselves are core's NetemWords.parseStrict, tested in io.netns4j.qdisc.NetemWordsTest
        assertEquals(ALL, parse("delay 50ms 10ms loss 1% duplicate 0.1% reorder 5% rate 10mbit"));
        assertEquals(Impairment.NONE, parse("none"));
        assertEquals(LinkImpairments.netem(null, null, null, 30.0, null, null), parse("loss 30%"));
        assertEquals(String.join(" ", ALL.tcWords()), "delay 50ms 10ms loss 1% duplicate 0.1% reorder 5% rate 10mbit");
        assertTrue(error("loss 1").contains("bad loss: \"1\" is not a percentage"));
    }

    @Test
    void everyNetemSettingReadsBackFromItsWords() {
        String words = "delay 50ms 10ms 25% distribution normal loss gemodel 1% 10% 70% 0.1% duplicate 2% 5%"
                + " reorder 25% 50% gap 5 corrupt 0.1% rate 10mbit 20 limit 500 seed 42";
        Impairment i = parse(words + " engine userspace");
        assertEquals(Engine.USERSPACE, i.engine());
        assertEquals(words, String.join(" ", i.tcWords()));
        assertEquals(i, Impairment.parse(i.words()));
        assertEquals(List.of("a delay correlation", "distribution normal", "loss gemodel", "a duplicate correlation",
                "a reorder correlation", "corrupt", "a rate overhead", "seed"), i.beyondKernelEncoder());
        assertEquals(List.of(), ALL.beyondKernelEncoder());
        assertEquals(Engine.KERNEL, parse("engine kernel delay 1ms").engine());
        assertTrue(parse("engine userspace").isNone());
        assertTrue(error("engine fast").contains("\"fast\" is not an engine"));
        assertTrue(error("engine kernel engine userspace").contains("\"engine\" is given twice"));
    }

    @Test
    void whatStaysInPlace() {
        // the kernel's netem: times in whole microseconds, percentages to 6 digits
        assertEquals(ALL.withEngine(Engine.KERNEL), LinkImpairments.effective(ALL, Engine.KERNEL));
        assertEquals(Duration.ofNanos(1_000), LinkImpairments.effective(
                LinkImpairments.netem(null, Duration.ofNanos(1_999), null, null, null, null), Engine.KERNEL).delay());
        assertEquals(3, LinkImpairments.effective(parse("delay 1ms reorder 5% gap 3"), Engine.KERNEL).gap());
        // the userspace engine keeps everything as given
        Impairment odd = parse("delay 1ms 1ms 5% distribution pareto corrupt 1%");
        assertEquals(odd.withEngine(Engine.USERSPACE), LinkImpairments.effective(odd, Engine.USERSPACE));
        // zeros are "not set"
        assertEquals(Impairment.NONE, LinkImpairments.effective(LinkImpairments.netem(null, Duration.ZERO, null, 0.0, 0.0, null),
                Engine.KERNEL));
        assertThrows(IllegalArgumentException.class,
                () -> LinkImpairments.effective(LinkImpairments.netem(4L, null, null, null, null, null), Engine.KERNEL));
    }

    @Test
    void jsonFieldsForLabShow() {
        // the CLI writes these maps as they are (lab show -j; LabCommandTest checks the JSON text)
        assertEquals("{rate_bit=10000000, delay_ms=20, jitter_ms=5, loss_pct=0.5}",
                parse("delay 20ms 5ms loss 0.5% rate 10mbit").toJsonFields().toString());
        assertEquals("{engine=userspace, delay_ms=0.25, loss_model={model=gemodel, p_pct=1, r_pct=10, 1-h_pct=100,"
                        + " 1-k_pct=0}, seed=7}",
                parse("delay 250us loss gemodel 1% 10% engine userspace seed 7").toJsonFields().toString());
        assertNull(Impairment.NONE.toJsonFields().get("delay_ms"));
    }
}

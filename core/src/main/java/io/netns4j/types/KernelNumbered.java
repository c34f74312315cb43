package io.netns4j.types;

/** A constant that stands for one of the kernel's numbers (RTN_*, FR_ACT_*, RTAX_*). */
public interface KernelNumbered {
    int number();

    /** The constant among {@code values} with the kernel's number {@code n}, or {@code orElse}. */
    static <E extends KernelNumbered> E byNumber(E[] values, int n, E orElse) {
        for (E e : values) {
            if (e.number() == n) {
                return e;
            }
        }
        return orElse;
    }
}

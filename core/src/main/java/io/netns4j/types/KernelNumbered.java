package io.netns4j.types;

/** A constant that stands for one of the kernel's numbers (RTN_*, FR_ACT_*, RTAX_*). */
public interface KernelNumbered {
    /**
     * The kernel's number for this constant.
     *
     * @return the number, as in the kernel's headers
     */
    int number();

    /**
     * The constant with a kernel number.
     *
     * @param <E> the constant type
     * @param values the constants to search, usually {@code E.values()}
     * @param n the kernel's number
     * @param orElse what to return when no constant has number {@code n} (may be null)
     * @return the first constant among {@code values} whose {@link #number()} is {@code n}, or {@code orElse}
     */
    static <E extends KernelNumbered> E byNumber(E[] values, int n, E orElse) {
        for (E e : values) {
            if (e.number() == n) {
                return e;
            }
        }
        return orElse;
    }
}

package io.netns4j;

import java.lang.ref.WeakReference;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * What in this JVM holds a namespace: open {@link Netns} handles, live executors from
 * {@link Netns#executor(int)}, sockets opened through {@link NamespaceSockets}. A delete that
 * waits in vain names them, so the message blames the holder instead of "something".
 * Objects are held weakly; one that is closed or collected no longer counts.
 */
final class Holders {
    /** Which namespace a holder holds; may fail (a closed handle), then it holds none. */
    interface IdOf<T> {
        NamespaceId of(T holder) throws Exception;
    }

    /** One holder: what it is, where it was made, how to tell it is alive and which namespace it holds. */
    private record Holder(String what, String where, WeakReference<Object> ref, Predicate<Object> alive,
                          IdOf<Object> namespace) {
        boolean isAlive() {
            Object o = ref.get();
            return o != null && alive.test(o);
        }
    }

    private static final Set<Holder> ALL = ConcurrentHashMap.newKeySet();
    private static final CodeSource CORE = Holders.class.getProtectionDomain().getCodeSource();
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private Holders() {
    }

    /** Records {@code object}; {@code namespace} answers its namespace's id (null when unknown). */
    static <T> void add(String what, T object, Predicate<T> alive, IdOf<T> namespace) {
        if (ALL.size() > 4096) {
            ALL.removeIf(h -> !h.isAlive());
        }
        @SuppressWarnings("unchecked")
        Predicate<Object> a = o -> alive.test((T) o);
        @SuppressWarnings("unchecked")
        IdOf<Object> n = o -> namespace.of((T) o);
        ALL.add(new Holder(what, caller(), new WeakReference<>(object), a, n));
    }

    /** Forgets {@code object} (closed). */
    static void remove(Object object) {
        ALL.removeIf(h -> h.ref.get() == object || h.ref.get() == null);
    }

    /** The live holders of namespace {@code id}, each as "WHAT (made at FRAME)". */
    static List<String> of(NamespaceId id) {
        List<String> out = new ArrayList<>();
        for (Holder h : ALL) {
            if (!h.isAlive()) {
                ALL.remove(h);
                continue;
            }
            Object o = h.ref.get();
            NamespaceId held;
            try {
                held = o == null ? null : h.namespace.of(o);
            } catch (Exception e) {
                held = null;
            }
            if (Objects.equals(held, id)) {
                out.add(h.what + " (made at " + h.where + ")");
            }
        }
        return out;
    }

    /** The first frame outside the library's own classes: where the user made the holder. */
    private static String caller() {
        return WALKER.walk(s -> s.filter(f -> !f.getDeclaringClass().getName().startsWith("io.netns4j.")
                        || !Objects.equals(f.getDeclaringClass().getProtectionDomain().getCodeSource(), CORE))
                .findFirst().map(StackWalker.StackFrame::toStackTraceElement).map(String::valueOf).orElse("?"));
    }
}

package io.netns4j.junit.nemesis;

import io.netns4j.error.NetnsException;
import io.netns4j.lab.RunningLab;

import java.util.random.RandomGenerator;

/**
 * One fault a {@link Nemesis} can put on a lab and take off again, as Jepsen's nemeses do: a
 * partition, an impairment, a process killed, paused or restarted. Made by {@link Faults}.
 */
public interface Fault {
    /** {@return the fault's kind as the history records it: {@code partition}, {@code impairment}, {@code kill}, {@code pause}, {@code restart}} */
    String kind();

    /**
     * Puts the fault in place. Random choices (which node, which half) come from {@code random},
     * so a seeded nemesis does the same thing twice.
     *
     * @param lab    the running lab
     * @param random where random choices come from
     * @return what was done (for the log and the history) and how to undo it
     * @throws NetnsException the lab refused it; nothing is left half in place
     */
    Applied apply(RunningLab lab, RandomGenerator random) throws NetnsException;

    /** A fault in place. */
    interface Applied {
        /** {@return what was done, in words: {@code "partition n1 / n2,n3"}, {@code "kill -9 n2/etcd"}} */
        String description();

        /**
         * Takes the fault off again (heal, impairment back as declared, resume, start).
         *
         * @throws NetnsException the lab refused the undo
         */
        void revert() throws NetnsException;
    }

    /**
     * An applied fault from its description and its undo, for a {@code Fault} of one's own.
     *
     * @param description what was done, in words
     * @param undo        how to take it off
     * @return the fault in place
     */
    static Applied applied(String description, Undo undo) {
        return new Applied() {
            @Override
            public String description() {
                return description;
            }

            @Override
            public void revert() throws NetnsException {
                undo.run();
            }

            @Override
            public String toString() {
                return description;
            }
        };
    }

    /** How to take a fault off. */
    @FunctionalInterface
    interface Undo {
        /**
         * Takes it off.
         *
         * @throws NetnsException the lab refused
         */
        void run() throws NetnsException;
    }
}

package io.netns4j;

import io.netns4j.error.InvalidRequestException;
import io.netns4j.error.NetnsException;
import io.netns4j.internal.sys.ErrnoException;
import io.netns4j.internal.sys.Failures;
import io.netns4j.internal.sys.SignalCalls;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Signals to processes, by number or by the names {@code kill -l} prints: what
 * {@code ProcessHandle} cannot send (it has only SIGTERM and SIGKILL). {@code kill -s STOP PID}
 * is {@code ProcessSignals.send(pid, ProcessSignals.number("STOP"))}.
 */
public final class ProcessSignals {
    private static final Map<String, Integer> NUMBERS = new LinkedHashMap<>();

    static {
        String[] names = {"HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2",
            "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ",
            "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"};
        for (int i = 0; i < names.length; i++) {
            NUMBERS.put(names[i], i + 1);
        }
    }

    private ProcessSignals() {
    }

    /**
     * The number of a signal written as {@code kill -s} takes it: {@code TERM}, {@code SIGTERM},
     * {@code term} or {@code 15}.
     *
     * @param name the signal's name, with or without {@code SIG}, or its number (1 to 64)
     * @return the signal's number
     * @throws InvalidRequestException the name is no signal, with the names there are
     */
    public static int number(String name) throws InvalidRequestException {
        String s = name.strip().toUpperCase(Locale.ROOT);
        if (s.startsWith("SIG")) {
            s = s.substring(3);
        }
        if (s.matches("[0-9]{1,2}")) {
            int n = Integer.parseInt(s);
            if (n >= 1 && n <= 64) {
                return n;
            }
        }
        Integer n = NUMBERS.get(s);
        if (n == null) {
            throw new InvalidRequestException("\"" + name + "\" is not a signal; use a name such as TERM, KILL, HUP, INT,"
                    + " USR1, STOP, CONT (\"kill -l\" lists them) or a number from 1 to 64", 22, null);
        }
        return n;
    }

    /**
     * The name of signal {@code number} without {@code SIG} ({@code 9} is {@code KILL}), as
     * {@code kill -l 9} prints it.
     *
     * @param number a signal number
     * @return its name, empty for a number without one (real-time signals)
     */
    public static Optional<String> name(int number) {
        return NUMBERS.entrySet().stream().filter(e -> e.getValue() == number).map(Map.Entry::getKey).findFirst();
    }

    /**
     * Sends signal {@code signal} to process {@code pid}: {@code kill -s SIGNAL PID}.
     *
     * @param pid    the process (a positive pid)
     * @param signal the signal's number ({@link #number})
     * @throws io.netns4j.error.NotFoundException          no such process
     * @throws io.netns4j.error.PermissionDeniedException  not allowed to signal it
     * @throws InvalidRequestException                      {@code pid} is not positive, or no such signal
     */
    public static void send(long pid, int signal) throws NetnsException {
        if (pid <= 0 || pid > Integer.MAX_VALUE) {
            throw new InvalidRequestException("A process id must be a positive number, not " + pid
                    + " (process groups are not signalled through this method)", 22, null);
        }
        try {
            SignalCalls.kill((int) pid, signal);
        } catch (ErrnoException e) {
            throw Failures.of(e, "kill -s " + name(signal).orElse(String.valueOf(signal)) + " " + pid);
        }
    }

    /**
     * Makes this process the leader of a new session with no controlling terminal:
     * {@code setsid(2)}, what {@code setsid CMD} does before running CMD. A daemon started from
     * a terminal calls it so that the terminal's hang-up and job-control signals no longer reach it.
     *
     * @throws NetnsException this process already leads a process group (EPERM)
     */
    public static void startSession() throws NetnsException {
        try {
            SignalCalls.setsid();
        } catch (ErrnoException e) {
            throw Failures.of(e, "setsid");
        }
    }
}

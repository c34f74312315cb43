package io.netns4j.lab;

import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.lab.model.ServiceStatus;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One service of a running lab, to watch and drive from Java ({@link LabServices#service}):
 * each method asks the lab's supervisor, so the object never holds stale state.
 * {@code svc.kill(9)} is {@code netns4j lab kill -s KILL LAB NODE/SERVICE}.
 */
public final class LabService {
    private final String lab;
    private final String node;
    private final String name;
    private final Lab.Options options;

    LabService(String lab, String node, String name, Lab.Options options) {
        this.lab = lab;
        this.node = node;
        this.name = name;
        this.options = options;
    }

    /** {@code NODE/SERVICE}. */
    public String id() {
        return node + "/" + name;
    }

    /** Its line of {@code lab ps}, now. */
    public ServiceStatus status() throws NetnsException {
        for (ServiceStatus s : LabServices.list(lab, options)) {
            if (s.id().equals(id())) {
                return s;
            }
        }
        throw new NotFoundException("Lab \"" + lab + "\" has no service \"" + id() + "\"", 2, null);
    }

    /** Its process id now, 0 when it has none. */
    public long pid() throws NetnsException {
        return status().pid();
    }

    /** The last {@code lines} lines of its log. */
    public List<String> logs(int lines) throws NetnsException {
        return LabServices.logs(lab, id(), lines, options).getValue();
    }

    /** Its log file. */
    public Path logFile() throws NetnsException {
        return LabServices.logs(lab, id(), 0, options).getKey();
    }

    /** {@code lab restart}. */
    public void restart() throws NetnsException {
        LabServices.restart(lab, id(), options);
    }

    /** {@code lab stop}: stopped until {@link #start}. */
    public void stop() throws NetnsException {
        LabServices.stop(lab, id(), options);
    }

    /** {@code lab start}. */
    public void start() throws NetnsException {
        LabServices.start(lab, id(), options);
    }

    /** {@code lab kill -s SIGNAL}; whether it had a process. */
    public boolean kill(int signal) throws NetnsException {
        return LabServices.kill(lab, id(), signal, options) > 0;
    }

    /** {@code lab pause} (SIGSTOP); whether it was paused. */
    public boolean pause() throws NetnsException {
        return LabServices.pause(lab, id(), options) > 0;
    }

    /** {@code lab resume} (SIGCONT); whether it was resumed. */
    public boolean resume() throws NetnsException {
        return LabServices.resume(lab, id(), options) > 0;
    }

    /**
     * Waits until it runs and its readiness checks hold, or {@code timeout} passed.
     *
     * @return its status when it got ready
     * @throws NetnsException not ready in time, with its state and last problem
     */
    public ServiceStatus awaitReady(Duration timeout) throws NetnsException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ServiceStatus s = status();
            if (s.ready() && s.state().hasProcess()) {
                return s;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new NetnsException("Service " + id() + " of lab \"" + lab + "\" is not ready after "
                        + timeout.toMillis() + " ms: " + s.state().word() + (s.problem().isEmpty() ? "" : ", "
                        + s.problem()));
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
            if (Thread.currentThread().isInterrupted()) {
                throw new io.netns4j.error.OperationInterruptedException("Interrupted while waiting for " + id());
            }
        }
    }

    /**
     * Waits until its process is not {@code pid} any more and a new one runs: after a kill, the
     * restart that its policy makes.
     *
     * @return the new status
     */
    public ServiceStatus awaitNewProcess(long pid, Duration timeout) throws NetnsException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ServiceStatus s = status();
            if (s.pid() != 0 && s.pid() != pid) {
                return s;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new NetnsException("Service " + id() + " of lab \"" + lab + "\" has no new process after "
                        + timeout.toMillis() + " ms: " + s.state().word() + (s.lastExit().isEmpty() ? "" : ", last "
                        + s.lastExit()));
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
            if (Thread.currentThread().isInterrupted()) {
                throw new io.netns4j.error.OperationInterruptedException("Interrupted while waiting for " + id());
            }
        }
    }
}

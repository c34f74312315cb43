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

    /**
     * {@code NODE/SERVICE}.
     *
     * @return the selector {@code lab ps} prints and the other verbs take, {@code NODE/SERVICE}
     */
    public String id() {
        return node + "/" + name;
    }

    /**
     * {@return its line of {@code lab ps}, now}
     *
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public ServiceStatus status() throws NetnsException {
        for (ServiceStatus s : LabServices.list(lab, options)) {
            if (s.id().equals(id())) {
                return s;
            }
        }
        throw new NotFoundException("Lab \"" + lab + "\" has no service \"" + id() + "\"", 2, null);
    }

    /**
     * {@return its process id now, 0 when it has none}
     *
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public long pid() throws NetnsException {
        return status().pid();
    }

    /**
     * {@return the last {@code lines} lines of its log}
     *
     * @param lines how many lines from the end
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public List<String> logs(int lines) throws NetnsException {
        return LabServices.logs(lab, id(), lines, options).getValue();
    }

    /**
     * {@return its log file}
     *
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public Path logFile() throws NetnsException {
        return LabServices.logs(lab, id(), 0, options).getKey();
    }

    /**
     * {@code lab restart}.
     *
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public void restart() throws NetnsException {
        LabServices.restart(lab, id(), options);
    }

    /**
     * {@code lab stop}: stopped until {@link #start}.
     *
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public void stop() throws NetnsException {
        LabServices.stop(lab, id(), options);
    }

    /**
     * {@code lab start}.
     *
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public void start() throws NetnsException {
        LabServices.start(lab, id(), options);
    }

    /**
     * {@code lab kill -s SIGNAL}; whether it had a process.
     *
     * @param signal the signal's number ({@code 9} for SIGKILL, {@code 15} for SIGTERM)
     * @return true when a process got the signal
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public boolean kill(int signal) throws NetnsException {
        return LabServices.kill(lab, id(), signal, options) > 0;
    }

    /**
     * {@code lab pause} (SIGSTOP); whether it was paused.
     *
     * @return true when a process was stopped
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public boolean pause() throws NetnsException {
        return LabServices.pause(lab, id(), options) > 0;
    }

    /**
     * {@code lab resume} (SIGCONT); whether it was resumed.
     *
     * @return true when a process was continued
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public boolean resume() throws NetnsException {
        return LabServices.resume(lab, id(), options) > 0;
    }

    /**
     * Waits until it runs and its readiness checks hold, or {@code timeout} passed.
     *
     * @param timeout how long to wait at most
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
     * @param pid the process id it had, from its status before the kill
     * @param timeout how long to wait at most
     * @return the new status
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
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

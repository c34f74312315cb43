package io.netns4j.junit;

import io.netns4j.error.NetnsException;
import io.netns4j.lab.Lab;
import io.netns4j.lab.LabServices;
import io.netns4j.lab.RunningLab;
import io.netns4j.lab.model.Endpoint;
import io.netns4j.lab.model.Impairment;
import io.netns4j.lab.model.LabNode;
import io.netns4j.lab.model.ServiceState;
import io.netns4j.lab.model.ServiceStatus;
import io.netns4j.lab.model.TopologyLink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts a lab back as declared after a test, whatever the test did to it (Jepsen's discipline:
 * every fault ends with its test): the partition healed ({@code lab heal}), each endpoint's
 * impairment back to the file's ({@code lab impair LAB N:IF ...}, none where the file has none),
 * paused services resumed and stopped or ended ones started again.
 */
final class FaultReset {
    private FaultReset() {
    }

    /**
     * @throws NetnsException what could not be put back, so the next test does not run on a
     *                        lab in an unknown state
     */
    static void reset(RunningLab lab) throws NetnsException {
        List<String> failed = new ArrayList<>();
        try {
            if (!Lab.currentPartition(lab.name(), lab.registry()).isEmpty()) {
                lab.heal();
            }
        } catch (NetnsException e) {
            failed.add("heal: " + e.getMessage());
        }
        Map<String, Impairment> declared = new HashMap<>();
        for (TopologyLink l : lab.topology().links()) {
            for (Endpoint e : List.of(l.a(), l.b())) {
                declared.put(e.node() + ":" + e.iface(), e.impairment());
            }
        }
        for (LabNode n : Lab.show(lab.name(), lab.registry()).orElse(List.of())) {
            for (LabNode.Interface i : n.interfaces()) {
                String endpoint = n.node() + ":" + i.name();
                Impairment want = declared.getOrDefault(endpoint, Impairment.NONE);
                if (!want.equals(i.impairment())) {
                    try {
                        Lab.impair(lab.name(), endpoint, want, lab.registry(), lab.options());
                    } catch (NetnsException e) {
                        failed.add("impairment of " + endpoint + ": " + e.getMessage());
                    }
                }
            }
        }
        try {
            for (ServiceStatus s : LabServices.list(lab.name(), lab.options())) {
                if (s.state() == ServiceState.PAUSED) {
                    LabServices.resume(lab.name(), s.id(), lab.options());
                } else if (!s.state().hasProcess() && s.state() != ServiceState.BACKOFF) {
                    LabServices.start(lab.name(), s.id(), lab.options());
                }
            }
        } catch (io.netns4j.error.NotFoundException e) {
            // a lab without services has no supervisor
        } catch (NetnsException e) {
            failed.add("services: " + e.getMessage());
        }
        if (!failed.isEmpty()) {
            throw new NetnsException("lab \"" + lab.name() + "\" could not be put back after the test: "
                    + String.join("; ", failed));
        }
    }
}

package io.netns4j.lab;

import io.netns4j.lab.model.Topology;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link LabSpec} is an immutable value: a call returns a new spec and leaves its receiver alone. No root needed. */
class LabSpecTest {
    @Test
    void aVariantLeavesItsBaseAsItWas() throws Exception {
        LabSpec base = LabSpec.named("spec").ipv4Pool("10.88.0.0/16").bridge("sw").hosts("n1", "n2").on("sw");
        String before = base.text();
        LabSpec withN3 = base.hosts("n3").on("sw").node("n1", n -> n.sysctl("net.ipv4.ip_forward", "1"));
        LabSpec withRouter = base.routers("r").link("n1", "r").endpoint("n1:eth1", e -> e.mtu(1400));

        assertEquals(before, base.text(), "the base is unchanged by both variants");
        assertEquals(List.of("sw", "n1", "n2"), names(base.topology()));
        assertEquals(List.of("sw", "n1", "n2", "n3"), names(withN3.topology()));
        assertEquals(List.of("sw", "n1", "n2", "r"), names(withRouter.topology()));
        assertTrue(withN3.text().contains("ip_forward") && !withRouter.text().contains("ip_forward"));
        assertTrue(withRouter.text().contains("1400") && !withN3.text().contains("1400"));
    }

    @Test
    void interfacesAreNumberedPerVariant() {
        LabSpec base = LabSpec.named("spec").hosts("a", "b").link("a", "b");
        LabSpec one = base.link("a", "b");
        LabSpec other = base.link("a", "b");
        assertEquals(one.text(), other.text(), "both variants give a:eth1 the second link");
        assertTrue(one.text().contains("\"a:eth1\""), one.text());
        assertTrue(!base.text().contains("a:eth1"), base.text());
    }

    @Test
    void aChangedNodeOrEndpointIsCopiedNotShared() {
        LabSpec base = LabSpec.named("spec").hosts("a", "b").link("a", "b")
                .node("a", n -> n.env("K", "1")).endpoint("a:eth0", e -> e.mtu(1300));
        LabSpec changed = base.node("a", n -> n.env("K", "2")).endpoint("a:eth0", e -> e.mtu(1500));
        assertTrue(base.text().contains("\"1\"") && base.text().contains("1300"), base.text());
        assertTrue(changed.text().contains("\"2\"") && changed.text().contains("1500"), changed.text());
        assertNotEquals(base.text(), changed.text());
    }

    @Test
    void settingsRefuseUseAfterTheirLambda() {
        AtomicReference<LabSpec.NodeSettings> kept = new AtomicReference<>();
        AtomicReference<LabSpec.EndpointSettings> keptEndpoint = new AtomicReference<>();
        LabSpec.named("spec").hosts("a", "b").link("a", "b").node("a", kept::set).endpoint("a:eth0", keptEndpoint::set);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> kept.get().env("K", "V"));
        assertTrue(e.getMessage().contains("inside node("), e.getMessage());
        assertThrows(IllegalStateException.class, () -> keptEndpoint.get().mtu(1400));
    }

    @Test
    void anEndpointOnNoLinkIsRefusedAtTheCall() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LabSpec.named("spec").hosts("a").endpoint("a:eth0", s -> s.mtu(1400)));
        assertTrue(e.getMessage().contains("\"a:eth0\" is on no link") && e.getMessage().contains("write the link first"),
                e.getMessage());
    }

    private static List<String> names(Topology t) {
        return t.nodes().stream().map(n -> n.name()).toList();
    }
}

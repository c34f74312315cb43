package io.netns4j.link;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.error.NotSupportedException;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * wireguard, bareudp, xfrm and macsec against the kernel, in a namespace of the test's own: each is
 * made through {@link Links#add} (macsec on a veth) and reads back as that kind with the attributes
 * it wrote; a kind whose driver this kernel lacks must be refused as unsupported, and the test is
 * skipped with the list of those when none could be made.
 */
@RequiresRoot
class MoreKindsKernelTest {
    @Test
    void eachKindIsMadeOrTheKernelSaysItLacksTheDriver() throws Exception {
        List<String> lacking = new ArrayList<>();
        int made = 0;
        try (Scratch scratch = new Scratch(); Netns ns = NetnsRegistry.system().add(scratch.name("kinds"))) {
            ns.links().add(LinkRequest.create("v0", Veth.peer("v0p")));
            List<LinkKind> kinds = List.of(new Wireguard(), Bareudp.of(6635, Bareudp.ETH_P_MPLS_UC).withMultiproto(true),
                    Xfrm.ofId(0x10).withDevice("v0"), Macsec.on("v0").withPort(11).with(Macsec.Option.ENCRYPT, 1));
            int n = 0;
            for (LinkKind kind : kinds) {
                String name = "k" + n++;
                try {
                    ns.links().add(LinkRequest.create(name, kind));
                } catch (NotSupportedException e) {
                    assertTrue(e.getMessage().contains("Unknown device type"), e.getMessage());
                    lacking.add(kind.kindName());
                    continue;
                }
                Link l = ns.links().get(name);
                assertEquals(kind.kindName(), l.kind());
                byte[] ours = LinkCodec.encodeAdd(LinkRequest.create(name, kind), d -> ns.links().get(d).index());
                KindAttributes written = Links.decode(ours).details().kindData();
                for (int type : written.types()) {
                    if (written.bytes(type).length > 0) {
                        assertTrue(l.details().kindData().has(type), kind.kindName() + " attribute " + type);
                    }
                }
                made++;
            }
        }
        if (!lacking.isEmpty()) {
            System.out.println("MoreKindsKernelTest: this kernel lacks " + String.join(", ", lacking));
        }
        assumeTrue(made > 0, "this kernel has none of the drivers (" + String.join(", ", lacking)
                + "): only the refusal was checked");
    }
}

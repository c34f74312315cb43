import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.link.LinkRequest;
import io.netns4j.link.Veth;

import java.util.ArrayList;
import java.util.List;

/**
 * One worker of bench/concurrency.sh, through the library: adds N namespaces named
 * PREFIX-0..N-1, a veth from each to the one before it (the peer made straight in the other
 * namespace), then deletes them all; prints "errors E" and exits 1 on any error.
 * Run as: java --enable-native-access=ALL-UNNAMED -cp target/netns4j.jar bench/ConcurrencyWorker.java PREFIX N
 */
public class ConcurrencyWorker {
    public static void main(String[] args) throws Exception {
        String prefix = args[0];
        int n = Integer.parseInt(args[1]);
        NetnsRegistry registry = NetnsRegistry.system();
        List<Netns> made = new ArrayList<>();
        int errors = 0;
        for (int i = 0; i < n; i++) {
            try {
                made.add(registry.add(prefix + "-" + i));
            } catch (Exception e) {
                errors++;
                System.err.println("add " + prefix + "-" + i + ": " + e.getMessage());
            }
        }
        for (int i = 1; i < made.size(); i++) {
            try {
                made.get(i).links().add(LinkRequest.create("v" + i, Veth.peer("w" + i).withPeerNamespace(made.get(i - 1))));
            } catch (Exception e) {
                errors++;
                System.err.println("link in " + prefix + "-" + i + ": " + e.getMessage());
            }
        }
        for (Netns ns : made) {
            ns.close();
        }
        for (int i = 0; i < n; i++) {
            try {
                registry.delete(prefix + "-" + i);
            } catch (Exception e) {
                errors++;
                System.err.println("delete " + prefix + "-" + i + ": " + e.getMessage());
            }
        }
        System.out.println("errors " + errors);
        System.exit(errors == 0 ? 0 : 1);
    }
}

package io.netns4j.lab.plan;

import io.netns4j.firewall.Table;
import io.netns4j.lab.model.Condition;
import io.netns4j.lab.model.HostsEntry;
import io.netns4j.lab.model.Impairment;
import io.netns4j.lab.model.LabRoute;
import io.netns4j.lab.model.RestartPolicy;
import io.netns4j.lab.model.ServiceSpec;
import io.netns4j.types.InetPrefix;
import io.netns4j.types.InetText;
import io.netns4j.types.MacAddress;

import java.util.List;
import java.util.Map;

/**
 * One operation of a {@link Plan}, as data; {@link #command()} writes it as the equivalent
 * netns4j (or {@code tc}) command line.
 */
public sealed interface Step {
    /**
     * The namespace the step works in.
     *
     * @return the namespace's name, {@code LAB-NODE}
     */
    String namespace();

    /**
     * The equivalent command line.
     *
     * @return the command, as the CLI takes it (a plan prints one line per step)
     */
    String command();

    /**
     * {@code netns4j netns add NS}.
     *
     * @param namespace the node's namespace, {@code LAB-NODE}
     */
    record AddNamespace(String namespace) implements Step {
        public String command() {
            return "netns4j netns add " + namespace;
        }
    }

    /**
     * {@code netns4j -n NS link set DEV up}, used for {@code lo}.
     *
     * @param namespace the node's namespace, {@code LAB-NODE}
     * @param device the interface's name in the node ({@code eth0})
     */
    record LinkUp(String namespace, String device) implements Step {
        public String command() {
            return "netns4j -n " + namespace + " link set " + device + " up";
        }
    }

    /**
     * {@code netns4j -n NS sysctl -w KEY=VALUE}, as {@code ip netns exec NS sysctl -w} does.
     *
     * @param namespace the node's namespace, {@code LAB-NODE}
     * @param key the sysctl, {@code net.ipv4.ip_forward}
     * @param value the value to write
     * @param automatic true when the lab set it by itself (forwarding on a router), not the file
     */
    record SetSysctl(String namespace, String key, String value, boolean automatic) implements Step {
        public String command() {
            return "netns4j netns exec " + namespace + " sysctl -w " + Shell.quote(key + "=" + value);
        }
    }

    /**
     * {@code netns4j -n NS link add NAME up type bridge}.
     *
     * @param namespace the node's namespace, {@code LAB-NODE}
     * @param name the bridge's name, the bridge node's own
     */
    record AddBridge(String namespace, String name) implements Step {
        public String command() {
            return "netns4j -n " + namespace + " link add " + name + " up type bridge";
        }
    }

    /**
     * {@code netns4j -n NS link add NAME type veth peer name PEER netns PEER_NS}.
     *
     * @param namespace the node's namespace, {@code LAB-NODE}
     * @param name this end's name in {@code namespace}
     * @param peerNamespace the other end's namespace
     * @param peerName the other end's name there
     */
    record AddVeth(String namespace, String name, String peerNamespace, String peerName) implements Step {
        public String command() {
            return "netns4j -n " + namespace + " link add " + name + " type veth peer name " + peerName + " netns "
                    + peerNamespace;
        }
    }

    /**
     * {@code netns4j -n NS link set DEV [mtu N] [address MAC] [master BRIDGE] up}.
     *
     * @param namespace the node's namespace, {@code LAB-NODE}
     * @param device the interface's name in the node ({@code eth0})
     * @param mtu the MTU, or null to leave it
     * @param mac the MAC address, or null to leave it
     * @param master the bridge this end becomes a port of, or null
     */
    record SetLink(String namespace, String device, Integer mtu, MacAddress mac, String master) implements Step {
        public String command() {
            return "netns4j -n " + namespace + " link set " + device + (mtu == null ? "" : " mtu " + mtu)
                    + (mac == null ? "" : " address " + mac) + (master == null ? "" : " master " + master) + " up";
        }
    }

    /**
     * {@code netns4j -n NS address add PREFIX dev DEV}.
     *
     * @param namespace the node's namespace, {@code LAB-NODE}
     * @param device the interface's name in the node ({@code eth0})
     * @param prefix the address with its prefix length
     */
    record AddAddress(String namespace, String device, InetPrefix prefix) implements Step {
        public String command() {
            return "netns4j -n " + namespace + " address add " + InetText.format(prefix) + " dev " + device;
        }
    }

    /**
     * {@code netns4j -n NS route add WORDS}.
     *
     * @param namespace the node's namespace, {@code LAB-NODE}
     * @param route the route in the file's words
     */
    record AddRoute(String namespace, LabRoute route) implements Step {
        public String command() {
            return "netns4j -n " + namespace + " route add " + route.words();
        }
    }

    /**
     * {@code netns4j -n NS iptables LINE}.
     *
     * @param namespace the node's namespace, {@code LAB-NODE}
     * @param line the arguments after {@code iptables}
     */
    record IptablesLine(String namespace, String line) implements Step {
        public String command() {
            return "netns4j -n " + namespace + " iptables " + line;
        }
    }

    /**
     * {@code nft -f SCRIPT} in the namespace.
     *
     * @param namespace the node's namespace, {@code LAB-NODE}
     * @param script the script, as {@code nft -f} reads it
     */
    record NftScript(String namespace, String script) implements Step {
        public String command() {
            return "netns4j netns exec " + namespace + " nft -f - <<'EOF'\n" + script.stripTrailing() + "\nEOF";
        }
    }

    /**
     * One typed nftables table (the file's {@code firewall.rules}), written in one transaction
     * after the node's iptables lines and nft script: {@code nft -f -} with the table's text in
     * the namespace (through libnftables, replacing a table of that name if one exists).
     *
     * @param namespace the node's namespace, {@code LAB-NODE}
     * @param table the table, as the file's {@code firewall.rules} describe it
     */
    record FirewallTable(String namespace, Table table) implements Step {
        public String command() {
            return "netns4j netns exec " + namespace + " nft -f - <<'EOF'\n" + table.toNft().stripTrailing() + "\nEOF";
        }
    }

    /**
     * {@code tc -n NS qdisc replace dev DEV root netem ...}, or with the userspace engine (chosen, or
     * the default on a kernel without netem) the tc steps that hand DEV's egress to it and its words
     * ({@code LinkImpairments}, package {@code io.netns4j.lab.fault}, decides at run time).
     *
     * @param namespace the node's namespace, {@code LAB-NODE}
     * @param device the interface's name in the node ({@code eth0})
     * @param impairment netem's settings ({@code delay 100ms loss 5%}), or {@code Impairment.NONE}
     */
    record Impair(String namespace, String device, Impairment impairment) implements Step {
        public String command() {
            String words = String.join(" ", impairment.tcWords());
            if (impairment.engine() == Impairment.Engine.USERSPACE) {
                return "tc -n " + namespace + " qdisc add dev " + device + " clsact; tc -n " + namespace + " filter add dev "
                        + device + " egress protocol all u32 match u32 0 0 action mirred egress redirect dev imp-" + device
                        + "  # userspace engine: " + words;
            }
            return "tc -n " + namespace + " qdisc replace dev " + device + " root netem " + words;
        }
    }

    /**
     * Writes {@code /etc/netns/NS/hosts}, which {@code ip netns exec} mounts over {@code /etc/hosts}.
     *
     * @param namespace the node's namespace, {@code LAB-NODE}
     * @param entries the lines of the hosts file, address and names
     */
    record WriteHosts(String namespace, List<HostsEntry> entries) implements Step {
        /** Copies the entries. */
        public WriteHosts {
            entries = List.copyOf(entries);
        }

        public String command() {
            StringBuilder sb = new StringBuilder("cat > /etc/netns/" + namespace + "/hosts <<'EOF'");
            entries.forEach(e -> sb.append('\n').append(e));
            return sb.append("\nEOF").toString();
        }
    }

    /**
     * Starts a service under the lab's supervisor: {@code netns4j netns exec NS env K=V... sh -c
     * COMMAND >>LOG 2>&1 &}, kept running by its restart policy. {@code service.env()} is the
     * environment it gets (the node's {@code env}, then the service's own).
     *
     * @param namespace the node's namespace, {@code LAB-NODE}
     * @param node the node's name in the lab file
     * @param service the service as the file declares it (command, restart policy, readiness)
     */
    record StartService(String namespace, String node, ServiceSpec service) implements Step {
        public String command() {
            StringBuilder sb = new StringBuilder("netns4j netns exec " + namespace);
            if (!service.env().isEmpty()) {
                sb.append(" env");
                service.env().forEach((k, v) -> sb.append(' ').append(Shell.quote(k + "=" + v)));
            }
            sb.append(" sh -c ").append(Shell.quote(service.command())).append(" &  # service ").append(node)
                    .append('/').append(service.name());
            if (service.restart() != RestartPolicy.NEVER) {
                sb.append(", restart ").append(service.restart().word());
            }
            if (!service.ready().isEmpty()) {
                sb.append(", ready when ").append(String.join(" and ", service.ready().stream()
                        .map(Condition::words).toList()));
            }
            return sb.toString();
        }
    }

    // ---- steps of a reconciling "lab up": undoing what the file no longer has ----

    /**
     * {@code netns4j netns delete NS}, after stopping the processes inside (as {@code lab down} does).
     *
     * @param namespace the node's namespace, {@code LAB-NODE}
     */
    record DeleteNamespace(String namespace) implements Step {
        public String command() {
            return "netns4j netns delete " + namespace;
        }
    }

    /**
     * {@code netns4j -n NS link del DEV} (a veth's peer goes with it).
     *
     * @param namespace the node's namespace, {@code LAB-NODE}
     * @param device the interface's name in the node ({@code eth0})
     */
    record DeleteLink(String namespace, String device) implements Step {
        public String command() {
            return "netns4j -n " + namespace + " link del " + device;
        }
    }

    /**
     * {@code netns4j -n NS address del PREFIX dev DEV}.
     *
     * @param namespace the node's namespace, {@code LAB-NODE}
     * @param device the interface's name in the node ({@code eth0})
     * @param prefix the address with its prefix length
     */
    record DeleteAddress(String namespace, String device, InetPrefix prefix) implements Step {
        public String command() {
            return "netns4j -n " + namespace + " address del " + InetText.format(prefix) + " dev " + device;
        }
    }

    /**
     * {@code netns4j -n NS route del WORDS}.
     *
     * @param namespace the node's namespace, {@code LAB-NODE}
     * @param route the route in the file's words
     */
    record DeleteRoute(String namespace, LabRoute route) implements Step {
        public String command() {
            return "netns4j -n " + namespace + " route del " + route.words();
        }
    }

    /**
     * {@code netns4j -n NS route replace WORDS}: a route kept by the file on a node whose
     * addresses changed (the kernel drops routes through a device when its last address goes).
     *
     * @param namespace the node's namespace, {@code LAB-NODE}
     * @param route the route in the file's words
     */
    record ReplaceRoute(String namespace, LabRoute route) implements Step {
        public String command() {
            return "netns4j -n " + namespace + " route replace " + route.words();
        }
    }

    /**
     * Removes the node's firewall before it is written anew: every nftables table except
     * netns4j's own ({@code netns4j_*}: partitions, impairments). Equivalent to
     * {@code nft delete table FAMILY NAME} for each.
     *
     * @param namespace the node's namespace, {@code LAB-NODE}
     */
    record ResetFirewall(String namespace) implements Step {
        public String command() {
            return "netns4j -n " + namespace + " nft delete table ...   # every table but netns4j_*";
        }
    }

    /**
     * Removes an endpoint's impairment: {@code tc -n NS qdisc del dev DEV root} and its nftables drop.
     *
     * @param namespace the node's namespace, {@code LAB-NODE}
     * @param device the interface's name in the node ({@code eth0})
     */
    record ClearImpairment(String namespace, String device) implements Step {
        public String command() {
            return "tc -n " + namespace + " qdisc del dev " + device + " root";
        }
    }

    /**
     * Removes {@code /etc/netns/NS/hosts} (and the directory when empty).
     *
     * @param namespace the node's namespace, {@code LAB-NODE}
     */
    record RemoveHosts(String namespace) implements Step {
        public String command() {
            return "rm /etc/netns/" + namespace + "/hosts";
        }
    }

    /**
     * Stops a service of the lab's supervisor and forgets it, before it is started anew or
     * because the file no longer has it: {@code netns4j lab stop LAB NODE/SERVICE}.
     *
     * @param namespace the node's namespace, {@code LAB-NODE}
     * @param node the node's name in the lab file
     * @param service the service's name in the node's {@code services:}
     */
    record StopService(String namespace, String node, String service) implements Step {
        public String command() {
            return "netns4j lab stop " + namespace.substring(0, namespace.length() - node.length() - 1) + " " + node
                    + "/" + service;
        }
    }
}

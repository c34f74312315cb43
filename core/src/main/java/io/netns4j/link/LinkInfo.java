package io.netns4j.link;

import io.netns4j.error.NetnsException;
import io.netns4j.internal.netlink.MessageBuilder;
import io.netns4j.internal.netlink.route.Ifla;

/**
 * Writes IFLA_LINKINFO for a link kind: IFLA_INFO_KIND (without its NUL), then
 * IFLA_INFO_DATA with what the kind writes, opened only when it writes something. Byte for
 * byte what {@code ip link add ... type KIND} sends.
 */
final class LinkInfo implements LinkKindData {
    private final MessageBuilder b;
    private final LinkResolver resolver;
    private final boolean top;
    private final boolean changing;
    private int dataNest = -1;

    private LinkInfo(MessageBuilder b, LinkResolver resolver, boolean top) {
        this(b, resolver, top, false);
    }

    private LinkInfo(MessageBuilder b, LinkResolver resolver, boolean top, boolean changing) {
        this.b = b;
        this.resolver = resolver;
        this.top = top;
        this.changing = changing;
    }

    /**
     * IFLA_LINKINFO with the port's IFLA_INFO_SLAVE_DATA, led by IFLA_INFO_KIND "bridge_slave"
     * as ip sends it (the kernel does not look the kind up for slave data: the master's
     * driver takes it).
     */
    static void writePort(MessageBuilder b, BridgePort port, LinkResolver resolver) {
        int info = b.beginNested(Ifla.IFLA_LINKINFO, false);
        b.attrBytesOf(Ifla.IFLA_INFO_KIND, "bridge_slave");
        if (!port.settings().isEmpty()) {
            int data = b.beginNested(Ifla.IFLA_INFO_SLAVE_DATA, false);
            port.writeData(new LinkInfo(b, resolver, false));
            b.endNested(data);
        }
        b.endNested(info);
    }

    static void write(MessageBuilder b, LinkKind kind, LinkResolver resolver) throws NetnsException {
        write(b, kind, resolver, false);
    }

    /** @param changing {@code link set ... type KIND OPTIONS}: the kind writes every option ({@link #changing()}) */
    static void write(MessageBuilder b, LinkKind kind, LinkResolver resolver, boolean changing) throws NetnsException {
        int info = b.beginNested(Ifla.IFLA_LINKINFO, false);
        b.attrBytesOf(Ifla.IFLA_INFO_KIND, kind.kindName());
        LinkInfo data = new LinkInfo(b, resolver, true, changing);
        kind.writeData(data);
        if (data.dataNest >= 0) {
            b.endNested(data.dataNest);
        }
        b.endNested(info);
    }

    @Override
    public boolean changing() {
        return changing;
    }

    private void open() {
        if (top && dataNest < 0) {
            dataNest = b.beginNested(Ifla.IFLA_INFO_DATA, false);
        }
    }

    @Override
    public void u8(int type, int value) {
        open();
        b.attrU8(type, value);
    }

    @Override
    public void u64(int type, long value) {
        open();
        b.attrU64(type, value);
    }

    @Override
    public void u16(int type, int value) {
        open();
        b.attrU16(type, value);
    }

    @Override
    public void u32(int type, int value) {
        open();
        b.attrU32(type, value);
    }

    @Override
    public void bytes(int type, byte[] value) {
        open();
        b.attr(type, value);
    }

    @Override
    public void string(int type, String value) {
        open();
        b.attrString(type, value);
    }

    @Override
    public void zeros(int count) {
        open();
        for (int i = 0; i < count; i++) {
            b.u8(0);
        }
    }

    @Override
    public void nest(int type, Body body) throws NetnsException {
        open();
        int n = b.beginNested(type, false);
        body.write(new LinkInfo(b, resolver, false));
        b.endNested(n);
    }

    @Override
    public int indexOf(String device) throws NetnsException {
        return resolver.indexOf(device);
    }
}

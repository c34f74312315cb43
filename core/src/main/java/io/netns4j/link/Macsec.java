package io.netns4j.link;

import java.util.ArrayList;
import java.util.List;

/**
 * A MACsec (IEEE 802.1AE) device on a lower device: {@code ip link add link DEV NAME type macsec
 * [port P | sci SCI | address LLADDR port P] [cipher C] [icvlen N] [encrypt on|off] [send_sci on|off]
 * [end_station on|off] [scb on|off] [protect on|off] [replay on|off window N]
 * [validate strict|check|disabled] [encodingsa 0..3] [offload off|phy|mac]}. Start with
 * {@link #on(String)}: {@code Macsec.on("eth0").withPort(11).with(Macsec.Option.ENCRYPT, 1)}.
 * The on/off and named options are kept in the order given, as ip writes them.
 *
 * @param lower      the lower device ({@code link DEV})
 * @param sci        the secure channel identifier ({@code sci}, or {@code address} and {@code port}), as the
 *                   64-bit number whose big-endian bytes the kernel takes; 0 for none
 * @param port       {@code port} alone (without an address), 0 to 65535; -1 for none
 * @param settings   the on/off and named options, in the order given
 * @param cipher     the cipher suite ({@code cipher}); null for the kernel's default
 * @param icvLength  the integrity check value's length ({@code icvlen}), 8 to 16; 0 for the default
 * @param replay     {@code replay on} (1) or {@code off} (0); -1 when not given
 * @param window     the replay window ({@code window}), 0 to 4294967295; -1 when not given (needs {@code replay})
 * @param encodingSa the transmitting association ({@code encodingsa}), 0 to 3; -1 when not given
 */
public record Macsec(String lower, long sci, int port, List<Setting> settings, Cipher cipher, int icvLength,
                     int replay, long window, int encodingSa) implements LinkKind {
    /** The on/off and named options, with their IFLA_MACSEC_* numbers. */
    public enum Option {
        /** {@code encrypt on|off} (1, 0). */
        ENCRYPT(7),
        /** {@code send_sci on|off}. */
        SEND_SCI(9),
        /** {@code end_station on|off}. */
        END_STATION(10),
        /** {@code scb on|off}. */
        SCB(11),
        /** {@code protect on|off}. */
        PROTECT(8),
        /** {@code validate disabled|check|strict} (0, 1, 2). */
        VALIDATE(13),
        /** {@code offload off|phy|mac} (0, 1, 2). */
        OFFLOAD(15);

        /** The IFLA_MACSEC_* attribute. */
        public final int attribute;

        Option(int attribute) {
            this.attribute = attribute;
        }
    }

    /**
     * One option as given.
     *
     * @param option the option
     * @param value  its value: 0 or 1 for on/off, the index of the name for {@code validate} and {@code offload}
     */
    public record Setting(Option option, int value) {
    }

    /** The cipher suites ip names, with the kernel's ids. */
    public enum Cipher {
        /** {@code cipher default}: ip 6.1 sends the kernel's old default id, which it takes as GCM-AES-128. */
        DEFAULT(0x0080020001000001L),
        /** {@code cipher gcm-aes-128}. */
        GCM_AES_128(0x0080C20001000001L),
        /** {@code cipher gcm-aes-256}. */
        GCM_AES_256(0x0080C20001000002L),
        /** {@code cipher gcm-aes-xpn-128}. */
        GCM_AES_XPN_128(0x0080C20001000003L),
        /** {@code cipher gcm-aes-xpn-256}. */
        GCM_AES_XPN_256(0x0080C20001000004L);

        /** The id the kernel takes (IFLA_MACSEC_CIPHER_SUITE). */
        public final long id;

        Cipher(long id) {
            this.id = id;
        }
    }

    static final int SCI = 1;
    static final int PORT = 2;
    static final int ICV_LEN = 3;
    static final int CIPHER_SUITE = 4;
    static final int WINDOW = 5;
    static final int ENCODING_SA = 6;
    static final int REPLAY_PROTECT = 12;

    /**
     * Checks the options as ip does.
     *
     * @throws IllegalArgumentException when a value is out of range, a window comes without replay (or
     * replay on without a window), or send_sci, end_station and scb are combined as ip refuses
     */
    public Macsec {
        java.util.Objects.requireNonNull(lower, "lower");
        settings = List.copyOf(settings);
        if (port < -1 || port > 0xffff || (icvLength != 0 && (icvLength < 8 || icvLength > 16))
                || encodingSa < -1 || encodingSa > 3 || replay < -1 || replay > 1 || window < -1
                || window > 0xffffffffL) {
            throw new IllegalArgumentException("macsec: port, icvlen (8 to 16), encodingsa (0 to 3) or window is out"
                    + " of range");
        }
        for (Setting s : settings) {
            int max = s.option() == Option.VALIDATE || s.option() == Option.OFFLOAD ? 2 : 1;
            if (s.value() < 0 || s.value() > max) {
                throw new IllegalArgumentException("macsec: " + s.option() + " " + s.value() + " is out of range");
            }
        }
        boolean es = last(settings, Option.END_STATION);
        boolean scb = last(settings, Option.SCB);
        if ((sci != 0 && (es || scb)) || (es && scb)) {
            throw new IllegalArgumentException("invalid combination of send_sci/end_station/scb");
        }
        if (window != -1 && replay == -1) {
            throw new IllegalArgumentException("replay window set, but replay protection not enabled. did you mean"
                    + " 'replay on window " + window + "'?");
        }
        if (window == -1 && replay == 1) {
            throw new IllegalArgumentException("replay protection enabled, but no window set. did you mean 'replay on"
                    + " window VALUE'?");
        }
    }

    private static boolean last(List<Setting> settings, Option o) {
        boolean v = false;
        for (Setting s : settings) {
            v = s.option() == o ? s.value() != 0 : v;
        }
        return v;
    }

    /**
     * {@code ip link add link DEV NAME type macsec}.
     *
     * @param lower the lower device
     * @return a macsec device with the kernel's defaults
     */
    public static Macsec on(String lower) {
        return new Macsec(lower, 0, -1, List.of(), null, 0, -1, -1, -1);
    }

    /**
     * {@code ... sci SCI} (or {@code address LLADDR port P}: the six address bytes, then the port).
     *
     * @param value the identifier as a 64-bit number (its big-endian bytes)
     * @return a new value; this one is unchanged
     */
    public Macsec withSci(long value) {
        return new Macsec(lower, value, -1, settings, cipher, icvLength, replay, window, encodingSa);
    }

    /**
     * {@code ... port P}.
     *
     * @param value the port, 0 to 65535
     * @return a new value; this one is unchanged
     */
    public Macsec withPort(int value) {
        return new Macsec(lower, 0, value, settings, cipher, icvLength, replay, window, encodingSa);
    }

    /**
     * An on/off or named option, after those given before.
     *
     * @param option the option
     * @param value  0 or 1 (off, on); for validate and offload the index of the name
     * @return a new value; this one is unchanged
     */
    public Macsec with(Option option, int value) {
        List<Setting> s = new ArrayList<>(settings);
        s.add(new Setting(option, value));
        return new Macsec(lower, sci, port, s, cipher, icvLength, replay, window, encodingSa);
    }

    /**
     * {@code ... cipher C}.
     *
     * @param value the suite
     * @return a new value; this one is unchanged
     */
    public Macsec withCipher(Cipher value) {
        return new Macsec(lower, sci, port, settings, value, icvLength, replay, window, encodingSa);
    }

    /**
     * {@code ... icvlen N}.
     *
     * @param value the length, 8 to 16
     * @return a new value; this one is unchanged
     */
    public Macsec withIcvLength(int value) {
        return new Macsec(lower, sci, port, settings, cipher, value, replay, window, encodingSa);
    }

    /**
     * {@code ... replay on|off [window N]}.
     *
     * @param on     whether replay protection is on
     * @param window the window, or -1 for none (needed when on)
     * @return a new value; this one is unchanged
     */
    public Macsec withReplay(boolean on, long window) {
        return new Macsec(lower, sci, port, settings, cipher, icvLength, on ? 1 : 0, window, encodingSa);
    }

    /**
     * {@code ... encodingsa AN}.
     *
     * @param value the association number, 0 to 3
     * @return a new value; this one is unchanged
     */
    public Macsec withEncodingSa(int value) {
        return new Macsec(lower, sci, port, settings, cipher, icvLength, replay, window, value);
    }

    /**
     * IFLA_MACSEC_* in ip's order: sci or port, the options in the order given, cipher, icvlen,
     * window and replay, encodingsa.
     */
    @Override
    public void writeData(LinkKindData d) {
        if (sci != 0) {
            d.bytes(SCI, TunnelData.bigEndian8(sci));
        } else if (port >= 0) {
            d.bytes(PORT, new byte[] {(byte) (port >> 8), (byte) port});
        }
        for (Setting s : settings) {
            d.u8(s.option().attribute, s.value());
        }
        if (cipher != null) {
            d.u64(CIPHER_SUITE, cipher.id);
        }
        if (icvLength != 0) {
            d.u8(ICV_LEN, icvLength);
        }
        if (replay != -1) {
            d.u32(WINDOW, (int) window);
            d.u8(REPLAY_PROTECT, replay);
        }
        if (encodingSa != -1) {
            d.u8(ENCODING_SA, encodingSa);
        }
    }

    @Override
    public String lowerDevice() {
        return lower;
    }

    @Override
    public String kindName() {
        return "macsec";
    }
}

package io.netns4j.internal.netlink.nft;

import io.netns4j.error.MalformedMessageException;

/** Helpers that check nf_tables values as they are read; failures are {@link MalformedMessageException}s. */
final class NftChecks {
    private NftChecks() {
    }

    static byte[] exact(byte[] value, int length, String what) throws MalformedMessageException {
        if (value == null) {
            throw new MalformedMessageException(what + " is missing");
        }
        if (value.length != length) {
            throw new MalformedMessageException(what + " is " + value.length + " bytes, expected " + length);
        }
        return value;
    }

    static int be32(byte[] value, String what) throws MalformedMessageException {
        byte[] v = exact(value, 4, what);
        return ((v[0] & 0xff) << 24) | ((v[1] & 0xff) << 16) | ((v[2] & 0xff) << 8) | (v[3] & 0xff);
    }

    static long be64(byte[] value, String what) throws MalformedMessageException {
        byte[] v = exact(value, 8, what);
        long r = 0;
        for (byte b : v) {
            r = (r << 8) | (b & 0xff);
        }
        return r;
    }

    static byte[] be32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    static byte[] be64(long v) {
        byte[] out = new byte[8];
        for (int i = 7; i >= 0; i--) {
            out[i] = (byte) v;
            v >>>= 8;
        }
        return out;
    }
}

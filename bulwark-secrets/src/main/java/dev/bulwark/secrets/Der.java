package dev.bulwark.secrets;

import java.io.ByteArrayOutputStream;
import java.util.Optional;

/** Just enough DER to re-wrap traditional (PKCS#1, SEC1) private keys as PKCS#8 for {@code KeyFactory}. */
final class Der {
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7,
        0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private Der() {}

    static boolean isSequence(byte[] der) {
        return der.length > 8 && der[0] == 0x30 && element(der, 0).map(end -> end == der.length).orElse(false);
    }

    static byte[] wrapRsaPkcs1(byte[] pkcs1) {
        return sequence(concat(new byte[] {0x02, 0x01, 0x00}, RSA_ALGORITHM, tagged(0x04, pkcs1)));
    }

    /** SEC1 {@code ECPrivateKey} (with its curve in {@code [0]}) to PKCS#8; empty when the curve is absent. */
    static Optional<byte[]> sec1ToPkcs8(byte[] sec1) {
        if (!isSequence(sec1)) {
            return Optional.empty();
        }
        int offset = headerLength(sec1, 0);
        while (offset < sec1.length) {
            int end = element(sec1, offset).orElse(-1);
            if (end < 0) {
                return Optional.empty();
            }
            if ((sec1[offset] & 0xff) == 0xa0) {
                int inner = offset + headerLength(sec1, offset);
                byte[] curve = java.util.Arrays.copyOfRange(sec1, inner, end);
                byte[] algorithm = sequence(concat(EC_PUBLIC_KEY_OID, curve));
                return Optional.of(sequence(concat(new byte[] {0x02, 0x01, 0x00}, algorithm, tagged(0x04, sec1))));
            }
            offset = end;
        }
        return Optional.empty();
    }

    /** The contents of the OCTET STRING holding the private key in a PKCS#8 structure (the SEC1 or PKCS#1 form). */
    static Optional<byte[]> pkcs8Inner(byte[] pkcs8) {
        int offset = headerLength(pkcs8, 0);
        for (int field = 0; field < 3 && offset < pkcs8.length; field++) {
            int end = element(pkcs8, offset).orElse(-1);
            if (end < 0) {
                return Optional.empty();
            }
            if (field == 2 && pkcs8[offset] == 0x04) {
                return Optional.of(java.util.Arrays.copyOfRange(pkcs8, offset + headerLength(pkcs8, offset), end));
            }
            offset = end;
        }
        return Optional.empty();
    }

    private static int headerLength(byte[] der, int offset) {
        int first = der[offset + 1] & 0xff;
        return first < 0x80 ? 2 : 2 + (first & 0x7f);
    }

    /** The end offset of the element at {@code offset}, when it fits. */
    private static Optional<Integer> element(byte[] der, int offset) {
        if (offset + 2 > der.length) {
            return Optional.empty();
        }
        int first = der[offset + 1] & 0xff;
        long length;
        int header;
        if (first < 0x80) {
            length = first;
            header = 2;
        } else {
            int count = first & 0x7f;
            if (count == 0 || count > 4 || offset + 2 + count > der.length) {
                return Optional.empty();
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (der[offset + 2 + i] & 0xff);
            }
            header = 2 + count;
        }
        long end = offset + header + length;
        return end <= der.length ? Optional.of((int) end) : Optional.empty();
    }

    private static byte[] sequence(byte[] content) {
        return tagged(0x30, content);
    }

    private static byte[] tagged(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xff);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write((length >> 8) & 0xff);
            out.write(length & 0xff);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}

package dev.bulwark.iam.policy;

import java.util.Arrays;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address or CIDR block, as {@code IpAddress}/{@code NotIpAddress} conditions
 * and {@code aws:SourceIp} values carry them. Parsed by hand: {@code InetAddress} would resolve a
 * host name through DNS, and a policy must never make the scanner touch the network. An IPv4
 * address never matches an IPv6 block and the other way round, as in AWS (an IPv4-mapped IPv6
 * address is compared as the IPv4 address it maps).
 */
final class IpRange {
    private final byte[] network;
    private final int prefix;

    private IpRange(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /** A block such as {@code 203.0.113.0/24} or {@code 2001:db8::/32}, or a single address. */
    static Optional<IpRange> parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        Optional<byte[]> bytes = address(address);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        int bits = bytes.get().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String digits = trimmed.substring(slash + 1);
            if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(digits);
            if (prefix > bits) {
                return Optional.empty();
            }
        }
        byte[] network = bytes.get().clone();
        mask(network, prefix);
        return Optional.of(new IpRange(network, prefix));
    }

    /** Whether {@code address} (a single address) lies inside this block. */
    boolean contains(String address) {
        if (network.length == 4) {
            // The common case, without allocation: a dotted IPv4 address against an IPv4 block.
            long value = ipv4Value(address);
            if (value >= 0) {
                long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
                long block = ((network[0] & 0xFFL) << 24) | ((network[1] & 0xFFL) << 16) | ((network[2] & 0xFFL) << 8)
                        | (network[3] & 0xFFL);
                return (value & mask) == block;
            }
        }
        if (network.length == 16 && address.indexOf(':') < 0) {
            return false;
        }
        Optional<byte[]> bytes = address(address.strip());
        if (bytes.isEmpty() || bytes.get().length != network.length) {
            return false;
        }
        byte[] candidate = bytes.get();
        mask(candidate, prefix);
        return Arrays.equals(candidate, network);
    }

    /** A dotted IPv4 address as an unsigned 32-bit value, or -1 when {@code text} is not one. */
    private static long ipv4Value(String text) {
        long value = 0;
        int octets = 0;
        int octet = -1;
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 3) {
                    return -1;
                }
                octet = (octet < 0 ? 0 : octet * 10) + (c - '0');
            } else if (c == '.') {
                if (octet < 0 || octet > 255 || octets == 3) {
                    return -1;
                }
                value = (value << 8) | octet;
                octets++;
                octet = -1;
                digits = 0;
            } else {
                return -1;
            }
        }
        if (octet < 0 || octet > 255 || octets != 3) {
            return -1;
        }
        return (value << 8) | octet;
    }

    static boolean isAddress(String text) {
        return address(text.strip()).isPresent();
    }

    private static void mask(byte[] bytes, int prefix) {
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            bytes[i] = (byte) (bytes[i] & (0xFF << (8 - keep)));
        }
    }

    private static Optional<byte[]> address(String text) {
        if (text.indexOf(':') >= 0) {
            Optional<byte[]> v6 = ipv6(text);
            if (v6.isPresent() && isIpv4Mapped(v6.get())) {
                return Optional.of(Arrays.copyOfRange(v6.get(), 12, 16));
            }
            return v6;
        }
        return ipv4(text);
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
    }

    private static Optional<byte[]> ipv4(String text) {
        long value = ipv4Value(text);
        if (value < 0) {
            return Optional.empty();
        }
        return Optional.of(new byte[] {(byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value});
    }

    private static Optional<byte[]> ipv6(String text) {
        if (text.length() > 45) {
            return Optional.empty();
        }
        String body = text;
        byte[] tail = null;
        int lastColon = body.lastIndexOf(':');
        if (body.indexOf('.', lastColon) > 0) {
            Optional<byte[]> v4 = ipv4(body.substring(lastColon + 1));
            if (v4.isEmpty()) {
                return Optional.empty();
            }
            tail = v4.get();
            body = body.substring(0, lastColon + 1) + "0:0";
        }
        int doubleColon = body.indexOf("::");
        if (doubleColon >= 0 && body.indexOf("::", doubleColon + 1) >= 0) {
            return Optional.empty();
        }
        String[] head;
        String[] rest;
        if (doubleColon >= 0) {
            String left = body.substring(0, doubleColon);
            String right = body.substring(doubleColon + 2);
            head = left.isEmpty() ? new String[0] : left.split(":", -1);
            rest = right.isEmpty() ? new String[0] : right.split(":", -1);
            if (head.length + rest.length > 7) {
                return Optional.empty();
            }
        } else {
            head = body.split(":", -1);
            rest = new String[0];
            if (head.length != 8) {
                return Optional.empty();
            }
        }
        int[] groups = new int[8];
        for (int i = 0; i < head.length; i++) {
            int value = group(head[i]);
            if (value < 0) {
                return Optional.empty();
            }
            groups[i] = value;
        }
        for (int i = 0; i < rest.length; i++) {
            int value = group(rest[i]);
            if (value < 0) {
                return Optional.empty();
            }
            groups[8 - rest.length + i] = value;
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[2 * i] = (byte) (groups[i] >> 8);
            bytes[2 * i + 1] = (byte) groups[i];
        }
        if (tail != null) {
            System.arraycopy(tail, 0, bytes, 12, 4);
        }
        return Optional.of(bytes);
    }

    private static int group(String text) {
        if (text.isEmpty() || text.length() > 4) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }

    @Override
    public String toString() {
        return Arrays.toString(network) + "/" + prefix;
    }
}

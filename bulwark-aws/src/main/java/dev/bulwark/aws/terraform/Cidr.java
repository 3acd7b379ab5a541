package dev.bulwark.aws.terraform;

import dev.bulwark.aws.model.IpAddresses;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Terraform's IP network functions over IPv4 and IPv6 prefixes. */
final class Cidr {
    private Cidr() {}

    private record Prefix(BigInteger address, int length, int bits) {
        BigInteger network() {
            BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - length).subtract(BigInteger.ONE);
            return address.andNot(hostMask);
        }
    }

    private static Prefix parse(String cidr) throws EvaluationException {
        int slash = cidr.indexOf('/');
        if (slash < 0 || cidr.length() > 100) {
            throw new EvaluationException("\"" + Values.abbreviate(cidr) + "\" is not a CIDR prefix");
        }
        String host = cidr.substring(0, slash);
        String lengthText = cidr.substring(slash + 1);
        if (!lengthText.matches("[0-9]{1,3}")) {
            throw new EvaluationException("\"" + Values.abbreviate(cidr) + "\" has an invalid prefix length");
        }
        int length = Integer.parseInt(lengthText);
        BigInteger address;
        int bits;
        if (host.indexOf(':') >= 0) {
            address = ipv6(host, cidr);
            bits = 128;
        } else {
            address = ipv4(host, cidr);
            bits = 32;
        }
        if (length > bits) {
            throw new EvaluationException("\"" + Values.abbreviate(cidr) + "\" has an invalid prefix length");
        }
        return new Prefix(address, length, bits);
    }

    /**
     * Four decimal parts. Terraform keeps accepting leading zeros ({@code 010} is ten), as Go did
     * before 1.17; it is read without any name lookup, unlike {@code InetAddress.getByName}.
     */
    private static BigInteger ipv4(String host, String cidr) throws EvaluationException {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            throw invalid(cidr);
        }
        long value = 0;
        for (String part : parts) {
            if (!part.matches("[0-9]{1,3}") || Integer.parseInt(part) > 255) {
                throw invalid(cidr);
            }
            value = value << 8 | Integer.parseInt(part);
        }
        return BigInteger.valueOf(value);
    }

    /** Eight groups of up to four hex digits, one {@code ::} for a run of zero groups, an IPv4 tail allowed. */
    private static BigInteger ipv6(String host, String cidr) throws EvaluationException {
        String text = host;
        int lastColon = text.lastIndexOf(':');
        if (text.indexOf('.') > lastColon) {
            int v4 = ipv4(text.substring(lastColon + 1), cidr).intValue();
            text = text.substring(0, lastColon + 1) + Integer.toHexString(v4 >>> 16) + ":" + Integer.toHexString(v4 & 0xffff);
        }
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            throw invalid(cidr);
        }
        List<Integer> head = groups(doubleColon >= 0 ? text.substring(0, doubleColon) : text, cidr);
        List<Integer> after = doubleColon >= 0 ? groups(text.substring(doubleColon + 2), cidr) : List.of();
        List<Integer> all = new ArrayList<>(head);
        int given = head.size() + after.size();
        if (doubleColon >= 0) {
            if (given > 7) {
                throw invalid(cidr);
            }
            for (int i = given; i < 8; i++) {
                all.add(0);
            }
        } else if (given != 8) {
            throw invalid(cidr);
        }
        all.addAll(after);
        BigInteger value = BigInteger.ZERO;
        for (int group : all) {
            value = value.shiftLeft(16).or(BigInteger.valueOf(group));
        }
        return value;
    }

    private static List<Integer> groups(String text, String cidr) throws EvaluationException {
        List<Integer> groups = new ArrayList<>();
        if (text.isEmpty()) {
            return groups;
        }
        for (String group : text.split(":", -1)) {
            if (!group.matches("[0-9a-fA-F]{1,4}")) {
                throw invalid(cidr);
            }
            groups.add(Integer.parseInt(group, 16));
        }
        return groups;
    }

    private static EvaluationException invalid(String cidr) {
        return new EvaluationException("\"" + Values.abbreviate(cidr) + "\" has an invalid address");
    }

    /** An address as Go writes it: dotted IPv4, IPv4-mapped IPv6 as IPv4, other IPv6 with the longest zero run as {@code ::}. */
    /** An address as Go writes it: dotted IPv4, IPv4-mapped IPv6 as IPv4, other IPv6 with the longest zero run as {@code ::}. */
    private static String format(BigInteger address, int bits) {
        if (bits == 32) {
            return IpAddresses.ipv4(address.longValue());
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = address.shiftRight(16 * (7 - i)).intValue() & 0xffff;
        }
        if (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0 && groups[5] == 0xffff) {
            return format(address.and(BigInteger.valueOf(0xffffffffL)), 32);
        }
        return IpAddresses.ipv6(groups);
    }

    static String host(String cidr, BigInteger number) throws EvaluationException {
        Prefix prefix = parse(cidr);
        BigInteger size = BigInteger.ONE.shiftLeft(prefix.bits() - prefix.length());
        BigInteger offset = number.signum() < 0 ? size.add(number) : number;
        if (offset.signum() < 0 || offset.compareTo(size) >= 0) {
            throw new EvaluationException("cidrhost() host number " + number + " does not fit in " + cidr);
        }
        return format(prefix.network().add(offset), prefix.bits());
    }

    static String netmask(String cidr) throws EvaluationException {
        Prefix prefix = parse(cidr);
        if (prefix.bits() != 32) {
            throw new EvaluationException("cidrnetmask() works on IPv4 prefixes only");
        }
        BigInteger mask = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE)
                .xor(BigInteger.ONE.shiftLeft(32 - prefix.length()).subtract(BigInteger.ONE));
        return format(mask, 32);
    }

    static String subnet(String cidr, int newBits, BigInteger number) throws EvaluationException {
        Prefix prefix = parse(cidr);
        int length = prefix.length() + newBits;
        if (newBits < 0 || length > prefix.bits()) {
            throw new EvaluationException("cidrsubnet() cannot add " + newBits + " bits to " + cidr);
        }
        if (number.signum() < 0 || number.bitLength() > newBits) {
            throw new EvaluationException("cidrsubnet() subnet number " + number + " does not fit in " + newBits + " bits");
        }
        BigInteger address = prefix.network().or(number.shiftLeft(prefix.bits() - length));
        return format(address, prefix.bits()) + "/" + length;
    }

    static List<String> subnets(String cidr, List<Integer> newBits) throws EvaluationException {
        Prefix prefix = parse(cidr);
        List<String> result = new ArrayList<>();
        BigInteger next = prefix.network();
        BigInteger end = prefix.network().add(BigInteger.ONE.shiftLeft(prefix.bits() - prefix.length()));
        for (int bits : newBits) {
            int length = prefix.length() + bits;
            if (bits < 1 || length > prefix.bits()) {
                throw new EvaluationException("cidrsubnets() cannot add " + bits + " bits to " + cidr);
            }
            BigInteger size = BigInteger.ONE.shiftLeft(prefix.bits() - length);
            // Align to the subnet size.
            BigInteger remainder = next.mod(size);
            if (remainder.signum() != 0) {
                next = next.add(size.subtract(remainder));
            }
            if (next.add(size).compareTo(end) > 0) {
                throw new EvaluationException("cidrsubnets() has no room left in " + cidr);
            }
            result.add(format(next, prefix.bits()) + "/" + length);
            next = next.add(size);
        }
        return result;
    }
}

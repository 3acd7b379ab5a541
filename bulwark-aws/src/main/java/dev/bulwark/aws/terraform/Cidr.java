package dev.bulwark.aws.terraform;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
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
        if (slash < 0) {
            throw new EvaluationException("\"" + Values.abbreviate(cidr) + "\" is not a CIDR prefix");
        }
        String host = cidr.substring(0, slash);
        if (!host.matches("[0-9a-fA-F.:]+")) {
            throw new EvaluationException("\"" + Values.abbreviate(cidr) + "\" is not a CIDR prefix");
        }
        int length;
        try {
            length = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new EvaluationException("\"" + Values.abbreviate(cidr) + "\" has an invalid prefix length");
        }
        byte[] bytes;
        try {
            // Only literal addresses reach here (checked above), so no name lookup happens.
            bytes = InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            throw new EvaluationException("\"" + Values.abbreviate(cidr) + "\" has an invalid address");
        }
        int bits = bytes.length * 8;
        if (length < 0 || length > bits) {
            throw new EvaluationException("\"" + Values.abbreviate(cidr) + "\" has an invalid prefix length");
        }
        return new Prefix(new BigInteger(1, bytes), length, bits);
    }

    private static String format(BigInteger address, int bits) {
        if (bits == 32) {
            long value = address.longValue();
            return ((value >> 24) & 0xff) + "." + ((value >> 16) & 0xff) + "." + ((value >> 8) & 0xff) + "." + (value & 0xff);
        }
        byte[] raw = address.toByteArray();
        byte[] bytes = new byte[16];
        int copy = Math.min(raw.length, 16);
        System.arraycopy(raw, raw.length - copy, bytes, 16 - copy, copy);
        try {
            String text = InetAddress.getByAddress(bytes).getHostAddress();
            return compress(text);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Java writes IPv6 in full; Terraform (Go) writes the shortest form. */
    private static String compress(String full) {
        String[] groups = full.split(":");
        StringBuilder normalized = new StringBuilder();
        for (int i = 0; i < groups.length; i++) {
            if (i > 0) {
                normalized.append(':');
            }
            normalized.append(Integer.toHexString(Integer.parseInt(groups[i], 16)));
        }
        String text = normalized.toString();
        String best = null;
        for (int run = 8; run >= 2; run--) {
            String zeros = String.join(":", java.util.Collections.nCopies(run, "0"));
            String padded = ":" + text + ":";
            int at = padded.indexOf(":" + zeros + ":");
            if (at >= 0) {
                best = (padded.substring(0, at) + "::" + padded.substring(at + zeros.length() + 2)).replaceAll("^:(?!:)", "")
                        .replaceAll("(?<!:):$", "");
                break;
            }
        }
        return best == null ? text : best;
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

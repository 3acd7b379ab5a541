package dev.bulwark.aws.model;

/**
 * IP addresses written the way AWS and Terraform write them: IPv4 dotted, IPv6 in lower-case hex
 * with the longest run of two or more zero groups shortened to {@code ::} (the first such run on
 * a tie, as RFC 5952 says).
 */
public final class IpAddresses {
    private IpAddresses() {}

    /** The text of an IPv6 address given as eight 16-bit groups. */
    public static String ipv6(int[] groups) {
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int end = i;
            while (end < groups.length && groups[end] == 0) {
                end++;
            }
            if (end - i > bestLength) {
                bestStart = i;
                bestLength = end - i;
            }
            i = end;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < groups.length; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    /** The dotted text of an IPv4 address held in the low 32 bits of {@code value}. */
    public static String ipv4(long value) {
        return ((value >> 24) & 0xff) + "." + ((value >> 16) & 0xff) + "." + ((value >> 8) & 0xff) + "." + (value & 0xff);
    }
}

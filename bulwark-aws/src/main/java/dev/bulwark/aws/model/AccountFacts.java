package dev.bulwark.aws.model;

import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Resource;
import dev.bulwark.core.model.Unknown;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Account-wide settings declared somewhere in the scan that change what a single resource means:
 * EBS encryption by default (an unencrypted volume is encrypted anyway when it is on) and the
 * instance metadata defaults (an instance without metadata options requires IMDSv2 when they
 * say so). Each is {@code on}/{@code required}, {@code off}/{@code optional}, {@code undecided}
 * (set from an unknown value, or set differently in two places) or {@code absent} (not declared,
 * so the account's own setting applies and AWS's default is off).
 */
public final class AccountFacts {
    private AccountFacts() {}

    public static Map<String, Object> of(List<Resource> resources) {
        String encryption = "absent";
        String metadata = "absent";
        for (Resource resource : resources) {
            if (!(resource.variables().get("properties") instanceof KnownMap properties)) {
                continue;
            }
            switch (resource.kind()) {
                case "Bulwark::EC2::EbsEncryptionByDefault" -> {
                    Object enabled = properties.raw("Enabled");
                    String value = enabled instanceof Unknown ? "undecided" : Boolean.TRUE.equals(enabled) ? "on" : "off";
                    encryption = combine(encryption, value);
                }
                case "Bulwark::EC2::InstanceMetadataDefaults" -> {
                    Object tokens = properties.raw("HttpTokens");
                    String value = tokens instanceof Unknown ? "undecided" : "required".equals(tokens) ? "required" : "optional";
                    metadata = combine(metadata, value);
                }
                default -> {
                    // not an account setting
                }
            }
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("ebsEncryptionByDefault", encryption);
        facts.put("metadataDefaults", metadata);
        return facts;
    }

    /** Two declarations agree, or the outcome cannot be told (regions or accounts may differ). */
    private static String combine(String previous, String value) {
        if (previous.equals("absent") || previous.equals(value)) {
            return value;
        }
        return "undecided";
    }
}

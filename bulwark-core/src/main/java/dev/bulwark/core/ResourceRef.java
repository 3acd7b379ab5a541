package dev.bulwark.core;

import static java.util.Objects.requireNonNull;

/**
 * What a finding is about: its type ({@code Deployment}, {@code Dockerfile}, {@code AWS::S3::Bucket}),
 * an address unique within the scan ({@code apps/Deployment/payments/api}), and a short name.
 */
public record ResourceRef(String type, String address, String name) {
    public ResourceRef {
        requireNonNull(type, "type is null");
        requireNonNull(address, "address is null");
        requireNonNull(name, "name is null");
    }
}

package dev.bulwark.aws.terraform;

import dev.bulwark.core.model.Unknown;

/**
 * A resource or data source instance as other expressions see it: the arguments its
 * configuration sets, and every other attribute (ids, ARNs, computed values) unknown, remembering
 * the instance they come from so the adapter can relate resources.
 */
final class ResourceObject extends TfObject {
    private static final long serialVersionUID = 1L;
    private final String address;

    ResourceObject(String address) {
        this.address = address;
    }

    String address() {
        return address;
    }

    /** The attribute {@code name}: configured, else unknown until apply. */
    Object attribute(String name) {
        if (containsKey(name)) {
            Object value = get(name);
            return value == null ? Unknown.fromResource(address, "attribute " + name + " is not set and computed by the provider") : value;
        }
        return Unknown.fromResource(address, "computed attribute " + name);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResourceObject resource && resource.address.equals(address);
    }

    @Override
    public int hashCode() {
        return address.hashCode();
    }
}

package dev.bulwark.rules;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Splits a container image reference ({@code registry/repository:tag@digest}) the way the Docker
 * distribution reference grammar does, so Kubernetes and Dockerfile rules agree on what "no tag",
 * "latest" and "pinned by digest" mean. Exposed to rules as {@code image(ref)}.
 */
final class ImageReference {
    private ImageReference() {}

    static Map<String, Object> parse(String reference) {
        String rest = reference.strip();
        String digest = "";
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = "";
        int lastSlash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > lastSlash) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        String registry = "docker.io";
        String repository = rest;
        int firstSlash = rest.indexOf('/');
        if (firstSlash > 0) {
            String head = rest.substring(0, firstSlash);
            if (head.contains(".") || head.contains(":") || head.equals("localhost")) {
                registry = head;
                repository = rest.substring(firstSlash + 1);
            }
        }
        if (registry.equals("docker.io") && !repository.contains("/") && !repository.isEmpty()) {
            repository = "library/" + repository;
        }
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("registry", registry);
        parts.put("repository", repository.toLowerCase(Locale.ROOT));
        parts.put("tag", tag);
        parts.put("digest", digest);
        parts.put("pinned", !digest.isEmpty());
        parts.put("latest", digest.isEmpty() && (tag.isEmpty() || tag.equals("latest")));
        return parts;
    }
}

package dev.bulwark.iam.catalog;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the definition of a condition key as a policy writes it. Most keys are matched exactly
 * (case-insensitively, as IAM compares key names); templated keys such as
 * {@code aws:RequestTag/${TagKey}} or {@code s3:ExistingObjectTag/<key>} match any key that puts
 * one or more characters in place of the placeholder. Exact definitions win over templates, and
 * among templates the first in catalog order wins. Immutable once built.
 */
final class ConditionKeyTemplates {
    private final Map<String, ConditionKeyInfo> exact;
    private final ConditionKeyInfo[] templates;
    private final String[] templateGlobs;

    ConditionKeyTemplates(List<ConditionKeyInfo> keys) {
        exact = new HashMap<>(keys.size() * 2);
        int templateCount = 0;
        for (ConditionKeyInfo key : keys) {
            exact.putIfAbsent(key.key().toLowerCase(Locale.ROOT), key);
            if (isTemplate(key.key())) {
                templateCount++;
            }
        }
        templates = new ConditionKeyInfo[templateCount];
        templateGlobs = new String[templateCount];
        int index = 0;
        for (ConditionKeyInfo key : keys) {
            if (isTemplate(key.key())) {
                templates[index] = key;
                templateGlobs[index] = toGlob(key.key().toLowerCase(Locale.ROOT));
                index++;
            }
        }
    }

    /** The definition of {@code lowerKey} (already lowercased), or null when none fits. */
    ConditionKeyInfo find(String lowerKey) {
        ConditionKeyInfo found = exact.get(lowerKey);
        if (found != null) {
            return found;
        }
        for (int index = 0; index < templates.length; index++) {
            if (IamGlob.matches(templateGlobs[index], lowerKey)) {
                return templates[index];
            }
        }
        return null;
    }

    static boolean isTemplate(String key) {
        for (int index = 0; index < key.length(); index++) {
            if (placeholderEnd(key, index) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The key with each placeholder replaced by the glob {@code ?*}: one or more characters. */
    static String toGlob(String key) {
        StringBuilder glob = new StringBuilder(key.length());
        int index = 0;
        while (index < key.length()) {
            int end = placeholderEnd(key, index);
            if (end >= 0) {
                glob.append("?*");
                index = end;
            } else {
                glob.append(key.charAt(index));
                index++;
            }
        }
        return glob.toString();
    }

    /** The index after the placeholder ({@code ${...}} or {@code <...>}) starting at {@code index}, or -1. */
    private static int placeholderEnd(String key, int index) {
        int close = -1;
        if (key.startsWith("${", index)) {
            close = key.indexOf('}', index + 2);
        } else if (key.charAt(index) == '<') {
            close = key.indexOf('>', index + 1);
        }
        if (close < 0 || close == index + 1 || (close == index + 2 && key.charAt(index) == '$')) {
            return -1;
        }
        return close + 1;
    }
}

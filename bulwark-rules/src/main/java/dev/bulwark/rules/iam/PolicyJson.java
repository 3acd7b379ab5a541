package dev.bulwark.rules.iam;

import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Unknown;
import dev.bulwark.iam.json.JsonValue;
import dev.bulwark.iam.json.JsonValue.JsonArray;
import dev.bulwark.iam.json.JsonValue.JsonBoolean;
import dev.bulwark.iam.json.JsonValue.JsonNumber;
import dev.bulwark.iam.json.JsonValue.JsonObject;
import dev.bulwark.iam.json.JsonValue.JsonString;
import dev.bulwark.iam.json.JsonValue.JsonUnknown;
import dev.bulwark.iam.json.JsonValue.Member;
import dev.bulwark.iam.json.JsonValue.Position;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A policy as the resource model holds it ({@link KnownMap} and {@link KnownList} trees whose
 * leaves may be {@link Unknown}) as the JSON the IAM engine reads, with every {@link Unknown}
 * becoming a {@link JsonUnknown} at the same place. The parser's lower-bound reading then decides
 * what an unknown part means (an Allow grants nothing it might not, a Deny denies all it might).
 *
 * <p>Values are read with {@code raw}, never {@code get}, so an unknown value is converted rather
 * than thrown. Positions are the model's source lines, so the parser's messages point into the
 * Terraform or CloudFormation file. Nesting deeper than {@link #MAX_DEPTH} becomes unknown: a
 * policy is at most five levels deep, and an unknown is always read on the safe side.
 */
final class PolicyJson {
    static final int MAX_DEPTH = 16;

    private PolicyJson() {}

    /** Values a caller knows for some unknowns (a role's ARN made up for an analysis); empty leaves the unknown. */
    interface Resolver {
        Resolver NONE = unknown -> Optional.empty();

        Optional<String> resolve(Unknown unknown);
    }

    /** The JSON form of a model value; {@code where} is the location to use when the value has none of its own. */
    static JsonValue of(Object value, SourceLocation where) {
        return convert(value, where, 0, Resolver.NONE);
    }

    /** The same, with the unknowns {@code resolver} knows replaced by their values. */
    static JsonValue of(Object value, SourceLocation where, Resolver resolver) {
        return convert(value, where, 0, resolver);
    }

    private static JsonValue convert(Object value, SourceLocation where, int depth, Resolver resolver) {
        if (depth > MAX_DEPTH) {
            return new JsonUnknown("nested too deeply", position(where));
        }
        if (value instanceof Unknown unknown) {
            Optional<String> known = resolver.resolve(unknown);
            return known.isPresent() ? new JsonString(known.get(), position(where)) : new JsonUnknown(unknown.reason(), position(where));
        }
        if (value instanceof KnownMap map) {
            SourceLocation here = map.location() != null ? map.location() : where;
            List<Member> members = new ArrayList<>(map.size());
            for (String key : map.keyList()) {
                SourceLocation entry = map.entryLocation(key);
                SourceLocation at = entry != null ? entry : here;
                members.add(new Member(key, position(at), convert(map.raw(key), at, depth + 1, resolver)));
            }
            return new JsonObject(members, position(here));
        }
        if (value instanceof KnownList list) {
            SourceLocation here = list.location() != null ? list.location() : where;
            List<JsonValue> elements = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                SourceLocation element = list.elementLocation(i);
                elements.add(convert(list.raw(i), element != null ? element : here, depth + 1, resolver));
            }
            return new JsonArray(elements, position(here));
        }
        if (value instanceof Map<?, ?> map) {
            // A plain map (a CEL literal passed by a rule, a test): no unknowns, no locations of its own.
            List<Member> members = new ArrayList<>(map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                members.add(new Member(String.valueOf(entry.getKey()), position(where),
                        convert(entry.getValue(), where, depth + 1, resolver)));
            }
            return new JsonObject(members, position(where));
        }
        if (value instanceof List<?> list) {
            List<JsonValue> elements = new ArrayList<>(list.size());
            for (Object element : list) {
                elements.add(convert(element, where, depth + 1, resolver));
            }
            return new JsonArray(elements, position(where));
        }
        if (value instanceof String text) {
            return new JsonString(text, position(where));
        }
        if (value instanceof Boolean bool) {
            return new JsonBoolean(bool, position(where));
        }
        if (value instanceof Long || value instanceof Integer) {
            return new JsonNumber(String.valueOf(value), position(where));
        }
        if (value instanceof Double number) {
            if (number.isNaN() || number.isInfinite()) {
                return new JsonString(String.valueOf(number), position(where));
            }
            return new JsonNumber(BigDecimal.valueOf(number).stripTrailingZeros().toPlainString(), position(where));
        }
        if (value == null) {
            return new JsonValue.JsonNull(position(where));
        }
        return new JsonString(String.valueOf(value), position(where));
    }

    static Position position(SourceLocation location) {
        if (location == null || location.startLine() <= 0) {
            return Position.NONE;
        }
        return new Position(location.startLine(), Math.max(location.startColumn(), 1));
    }
}

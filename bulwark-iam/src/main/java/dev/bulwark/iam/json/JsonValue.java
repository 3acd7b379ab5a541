package dev.bulwark.iam.json;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON value with the position it starts at, as policies and account exports are read: exact
 * (numbers keep their text, duplicate keys are kept in order so a linter can report them) and
 * located, so every message can point at a line.
 */
public sealed interface JsonValue {
    Position position();

    /** A short name of the value's JSON type for messages: object, array, string, number, boolean, null. */
    String typeName();

    /** A 1-based line and column in the source text. */
    record Position(int line, int column) {
        public static final Position NONE = new Position(0, 0);

        @Override
        public String toString() {
            return line + ":" + column;
        }
    }

    /** One {@code "key": value} member of an object; {@code keyPosition} is where the key starts. */
    record Member(String key, Position keyPosition, JsonValue value) {
        public Member {
            requireNonNull(key, "key is null");
            requireNonNull(keyPosition, "keyPosition is null");
            requireNonNull(value, "value is null");
        }
    }

    record JsonObject(List<Member> members, Position position) implements JsonValue {
        public JsonObject {
            members = List.copyOf(members);
            requireNonNull(position, "position is null");
        }

        /** The value of the last member named {@code key} (JSON parsers keep the last one), or null. */
        public JsonValue get(String key) {
            for (int i = members.size() - 1; i >= 0; i--) {
                if (members.get(i).key().equals(key)) {
                    return members.get(i).value();
                }
            }
            return null;
        }

        /** The last member named {@code key}, or null. */
        public Member member(String key) {
            for (int i = members.size() - 1; i >= 0; i--) {
                if (members.get(i).key().equals(key)) {
                    return members.get(i);
                }
            }
            return null;
        }

        public List<String> keys() {
            List<String> keys = new ArrayList<>(members.size());
            for (Member member : members) {
                keys.add(member.key());
            }
            return keys;
        }

        @Override
        public String typeName() {
            return "object";
        }
    }

    record JsonArray(List<JsonValue> elements, Position position) implements JsonValue {
        public JsonArray {
            elements = List.copyOf(elements);
            requireNonNull(position, "position is null");
        }

        @Override
        public String typeName() {
            return "array";
        }
    }

    record JsonString(String value, Position position) implements JsonValue {
        public JsonString {
            requireNonNull(value, "value is null");
            requireNonNull(position, "position is null");
        }

        @Override
        public String typeName() {
            return "string";
        }
    }

    /** A number, with its text as written. */
    record JsonNumber(String text, Position position) implements JsonValue {
        public JsonNumber {
            requireNonNull(text, "text is null");
            requireNonNull(position, "position is null");
        }

        public BigDecimal decimal() {
            return new BigDecimal(text);
        }

        @Override
        public String typeName() {
            return "number";
        }
    }

    record JsonBoolean(boolean value, Position position) implements JsonValue {
        public JsonBoolean {
            requireNonNull(position, "position is null");
        }

        @Override
        public String typeName() {
            return "boolean";
        }
    }

    record JsonNull(Position position) implements JsonValue {
        public JsonNull {
            requireNonNull(position, "position is null");
        }

        @Override
        public String typeName() {
            return "null";
        }
    }

    /**
     * A value that cannot be known before deployment (a Terraform computed attribute, a
     * CloudFormation import), for policies found in infrastructure code.
     */
    record JsonUnknown(String reason, Position position) implements JsonValue {
        public JsonUnknown {
            requireNonNull(reason, "reason is null");
            requireNonNull(position, "position is null");
        }

        @Override
        public String typeName() {
            return "unknown value";
        }
    }
}

package dev.bulwark.iam.lint;

import static java.util.Objects.requireNonNull;

import dev.bulwark.iam.json.JsonValue;
import dev.bulwark.iam.json.JsonValue.JsonArray;
import dev.bulwark.iam.json.JsonValue.JsonBoolean;
import dev.bulwark.iam.json.JsonValue.JsonNumber;
import dev.bulwark.iam.json.JsonValue.JsonObject;
import dev.bulwark.iam.json.JsonValue.JsonString;
import dev.bulwark.iam.json.JsonValue.Member;
import dev.bulwark.iam.json.JsonValue.Position;
import dev.bulwark.iam.policy.Condition;
import dev.bulwark.iam.policy.ConditionOperator;
import dev.bulwark.iam.policy.QualifiedOperator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A statement as written, read leniently so that the value checks run on every statement, also
 * on one the parser leaves out of the policy for a structural error (a linter should report all
 * it can in one run). Whatever does not have the expected shape is skipped here: the parser
 * reports it.
 */
record StatementSyntax(
        int index,
        Position position,
        Optional<Located> sid,
        Optional<String> effect,
        Optional<Element> action,
        Optional<Element> resource,
        Optional<Principal> principal,
        List<ConditionSyntax> conditions) {
    StatementSyntax {
        requireNonNull(position, "position is null");
        requireNonNull(sid, "sid is null");
        requireNonNull(effect, "effect is null");
        requireNonNull(action, "action is null");
        requireNonNull(resource, "resource is null");
        requireNonNull(principal, "principal is null");
        conditions = List.copyOf(conditions);
    }

    /** A string value and where it starts. */
    record Located(String text, Position position) {
        Located {
            requireNonNull(text, "text is null");
            requireNonNull(position, "position is null");
        }
    }

    /** {@code Action}/{@code NotAction} or {@code Resource}/{@code NotResource}: its string values. */
    record Element(boolean negated, Position keyPosition, List<Located> values) {
        Element {
            requireNonNull(keyPosition, "keyPosition is null");
            values = List.copyOf(values);
        }

        boolean hasValue(String text) {
            for (Located value : values) {
                if (value.text().equals(text)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code Principal}/{@code NotPrincipal}; {@code everyone} is where {@code "*"} or {@code {"AWS": "*"}} is written, if it is. */
    record Principal(boolean negated, Position keyPosition, Optional<Position> everyone) {
        Principal {
            requireNonNull(keyPosition, "keyPosition is null");
            requireNonNull(everyone, "everyone is null");
        }
    }

    /** One key test of a {@code Condition}: operator as written and read, the key, its values. */
    record ConditionSyntax(String operatorText, ConditionOperator operator, Condition.Qualifier qualifier, boolean ifExists,
                           Position operatorPosition, String key, Position keyPosition, List<Located> values) {
        ConditionSyntax {
            requireNonNull(operatorText, "operatorText is null");
            requireNonNull(operator, "operator is null");
            requireNonNull(qualifier, "qualifier is null");
            requireNonNull(operatorPosition, "operatorPosition is null");
            requireNonNull(key, "key is null");
            requireNonNull(keyPosition, "keyPosition is null");
            values = List.copyOf(values);
        }
    }

    boolean isAllow() {
        return effect.isPresent() && effect.get().equals("Allow");
    }

    boolean isDeny() {
        return effect.isPresent() && effect.get().equals("Deny");
    }

    /** The statements of a policy document; empty when the document has no statement objects. */
    static List<StatementSyntax> read(JsonValue root) {
        List<StatementSyntax> statements = new ArrayList<>();
        if (!(root instanceof JsonObject document)) {
            return statements;
        }
        JsonValue statementValue = document.get("Statement");
        if (statementValue instanceof JsonObject single) {
            statements.add(statement(single, 0));
        } else if (statementValue instanceof JsonArray list) {
            for (int index = 0; index < list.elements().size(); index++) {
                if (list.elements().get(index) instanceof JsonObject object) {
                    statements.add(statement(object, index));
                }
            }
        }
        return statements;
    }

    private static StatementSyntax statement(JsonObject object, int index) {
        Optional<Located> sid = Optional.empty();
        if (object.get("Sid") instanceof JsonString string) {
            sid = Optional.of(new Located(string.value(), string.position()));
        }
        Optional<String> effect = Optional.empty();
        if (object.get("Effect") instanceof JsonString string) {
            effect = Optional.of(string.value());
        }
        return new StatementSyntax(index, object.position(), sid, effect, element(object, "Action", "NotAction"),
                element(object, "Resource", "NotResource"), principal(object), conditions(object.get("Condition")));
    }

    /** The element or, when it is absent, its Not form; a statement with both is the parser's to report. */
    private static Optional<Element> element(JsonObject object, String name, String negatedName) {
        Member member = object.member(name);
        boolean negated = false;
        if (member == null) {
            member = object.member(negatedName);
            negated = true;
        }
        if (member == null) {
            return Optional.empty();
        }
        return Optional.of(new Element(negated, member.keyPosition(), strings(member.value())));
    }

    private static List<Located> strings(JsonValue value) {
        List<Located> strings = new ArrayList<>();
        List<JsonValue> values = value instanceof JsonArray array ? array.elements() : List.of(value);
        for (JsonValue element : values) {
            if (element instanceof JsonString string && !string.value().isEmpty()) {
                strings.add(new Located(string.value(), string.position()));
            }
        }
        return strings;
    }

    private static Optional<Principal> principal(JsonObject object) {
        Member member = object.member("Principal");
        boolean negated = false;
        if (member == null) {
            member = object.member("NotPrincipal");
            negated = true;
        }
        if (member == null) {
            return Optional.empty();
        }
        Optional<Position> everyone = Optional.empty();
        JsonValue value = member.value();
        if (value instanceof JsonString string && string.value().equals("*")) {
            everyone = Optional.of(string.position());
        } else if (value instanceof JsonObject principals && principals.get("AWS") != null) {
            for (Located aws : strings(principals.get("AWS"))) {
                if (aws.text().equals("*")) {
                    everyone = Optional.of(aws.position());
                }
            }
        }
        return Optional.of(new Principal(negated, member.keyPosition(), everyone));
    }

    private static List<ConditionSyntax> conditions(JsonValue value) {
        List<ConditionSyntax> conditions = new ArrayList<>();
        if (!(value instanceof JsonObject operators)) {
            return conditions;
        }
        for (Member operatorMember : operators.members()) {
            Optional<QualifiedOperator> operator = QualifiedOperator.parse(operatorMember.key());
            if (operator.isEmpty() || !(operatorMember.value() instanceof JsonObject keys)) {
                continue;
            }
            for (Member keyMember : keys.members()) {
                List<Located> values = new ArrayList<>();
                JsonValue keyValue = keyMember.value();
                List<JsonValue> elements = keyValue instanceof JsonArray array ? array.elements() : List.of(keyValue);
                for (JsonValue element : elements) {
                    if (element instanceof JsonString string) {
                        values.add(new Located(string.value(), string.position()));
                    } else if (element instanceof JsonNumber number) {
                        values.add(new Located(number.text(), number.position()));
                    } else if (element instanceof JsonBoolean bool) {
                        values.add(new Located(Boolean.toString(bool.value()), bool.position()));
                    }
                }
                QualifiedOperator parsed = operator.get();
                conditions.add(new ConditionSyntax(operatorMember.key(), parsed.operator(), parsed.qualifier(), parsed.ifExists(),
                        operatorMember.keyPosition(), keyMember.key(), keyMember.keyPosition(), values));
            }
        }
        return conditions;
    }
}

package dev.bulwark.detect.sigma;

import dev.bulwark.detect.event.LogEvent;
import java.util.List;

/** A compiled condition: a tree over search identifiers. Immutable and thread-safe. */
sealed interface Condition {
    boolean evaluate(LogEvent event);

    Requirement requirement();

    record Reference(String name, Selection selection) implements Condition {
        @Override
        public boolean evaluate(LogEvent event) {
            return selection.matches(event);
        }

        @Override
        public Requirement requirement() {
            return selection.requirement();
        }
    }

    record And(List<Condition> operands) implements Condition {
        public And {
            operands = List.copyOf(operands);
        }

        @Override
        public boolean evaluate(LogEvent event) {
            for (int i = 0; i < operands.size(); i++) {
                if (!operands.get(i).evaluate(event)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Requirement requirement() {
            Requirement result = Requirement.NONE;
            for (Condition operand : operands) {
                result = result.and(operand.requirement());
            }
            return result;
        }
    }

    record Or(List<Condition> operands) implements Condition {
        public Or {
            operands = List.copyOf(operands);
        }

        @Override
        public boolean evaluate(LogEvent event) {
            for (int i = 0; i < operands.size(); i++) {
                if (operands.get(i).evaluate(event)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public Requirement requirement() {
            Requirement result = operands.get(0).requirement();
            for (int i = 1; i < operands.size(); i++) {
                result = result.or(operands.get(i).requirement());
            }
            return result;
        }
    }

    record Not(Condition operand) implements Condition {
        @Override
        public boolean evaluate(LogEvent event) {
            return !operand.evaluate(event);
        }

        @Override
        public Requirement requirement() {
            return Requirement.NONE;
        }
    }
}

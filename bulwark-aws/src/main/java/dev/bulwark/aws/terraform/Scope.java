package dev.bulwark.aws.terraform;

import dev.bulwark.aws.hcl.Range;

/**
 * The names an expression can see: {@code var}, {@code local}, {@code module}, {@code data},
 * resources, {@code count}, {@code each}, {@code path}, {@code terraform}, and the iterator
 * variables of enclosing {@code for} expressions and dynamic blocks.
 */
interface Scope {
    /** The file the expression is written in, as displayed (for the positions of literal values). */
    String file();

    /** A bare name: an iterator variable, {@code count}, {@code each}, {@code path}, ... */
    Object root(String name, Range range) throws EvaluationException;

    /**
     * {@code root.name} where root is a namespace ({@code var}, {@code local}, {@code module}) or a
     * resource type; returns null when {@code root} is not one, so the caller evaluates it normally.
     */
    Object namespaced(String root, String name, Range range) throws EvaluationException;

    /** Whether {@code root} names a namespace or resource type here (not a local iterator). */
    boolean isNamespace(String root);

    /** {@code data.type.name}. */
    Object data(String type, String name, Range range) throws EvaluationException;

    /** {@code module.call.output}, evaluating only that output; null when there are no modules here. */
    default Object moduleOutput(String call, String output, Range range) throws EvaluationException {
        return null;
    }

    TerraformFunctions.Files files();

    /** The work budget of the evaluation this scope belongs to; a fresh one for a scope on its own. */
    default Budget budget() {
        return Budget.standard();
    }

    /** This scope with {@code name} bound to {@code value} (an iterator variable). */
    default Scope with(String name, Object value) {
        Scope parent = this;
        return new Scope() {
            @Override
            public String file() {
                return parent.file();
            }

            @Override
            public Object root(String variable, Range range) throws EvaluationException {
                return variable.equals(name) ? value : parent.root(variable, range);
            }

            @Override
            public Object namespaced(String root, String attribute, Range range) throws EvaluationException {
                return root.equals(name) ? null : parent.namespaced(root, attribute, range);
            }

            @Override
            public boolean isNamespace(String root) {
                return !root.equals(name) && parent.isNamespace(root);
            }

            @Override
            public Object data(String type, String dataName, Range range) throws EvaluationException {
                return parent.data(type, dataName, range);
            }

            @Override
            public Object moduleOutput(String call, String output, Range range) throws EvaluationException {
                return parent.moduleOutput(call, output, range);
            }

            @Override
            public TerraformFunctions.Files files() {
                return parent.files();
            }

            @Override
            public Budget budget() {
                return parent.budget();
            }
        };
    }
}

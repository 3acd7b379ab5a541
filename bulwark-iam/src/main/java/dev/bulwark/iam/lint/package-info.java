/**
 * The IAM policy linter: {@link dev.bulwark.iam.lint.PolicyLinter} checks a policy document
 * against the policy grammar, the AWS action catalog and the size quota of its
 * {@link dev.bulwark.iam.lint.PolicyTarget}, and returns located issues whose codes are the
 * {@link dev.bulwark.iam.lint.LintCheck}s. Everything here is immutable or confined to one lint.
 */
package dev.bulwark.iam.lint;

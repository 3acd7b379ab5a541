/**
 * Identity analysis: the AWS IAM action catalog, the policy language (parser, linter, evaluator),
 * analysis of account authorization exports and of IaC policies, and Kubernetes RBAC analysis.
 * Depends only on {@code bulwark-core}; engines here do no I/O of their own beyond reading their
 * bundled catalog from the classpath.
 */
package dev.bulwark.iam;

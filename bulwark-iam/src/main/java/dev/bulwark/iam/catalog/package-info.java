/**
 * The AWS IAM action catalog: services, actions with their access levels, resource types with
 * their ARN formats, and condition keys with their types, bundled from the AWS Service
 * Authorization Reference (start at {@link dev.bulwark.iam.catalog.IamCatalog#bundled()}).
 * Everything here is immutable and thread-safe.
 */
package dev.bulwark.iam.catalog;

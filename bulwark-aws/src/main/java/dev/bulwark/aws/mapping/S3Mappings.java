package dev.bulwark.aws.mapping;

import dev.bulwark.aws.model.PropertyWriter;
import dev.bulwark.core.SourceLocation;
import dev.bulwark.core.model.KnownList;
import dev.bulwark.core.model.KnownMap;
import dev.bulwark.core.model.Unknown;
import java.util.List;
import java.util.Map;

/**
 * S3: the bucket with its inline (provider v3) and split (v4 and later) configuration, the
 * bucket policy, and the account-level public access block.
 */
final class S3Mappings {
    private static final Mappings.Parent BUCKET = new Mappings.Parent("AWS::S3::Bucket", "bucket", List.of("BucketName"));

    private static final Map<String, String> CANNED_ACLS = Map.of(
            "private", "Private", "public-read", "PublicRead", "public-read-write", "PublicReadWrite",
            "authenticated-read", "AuthenticatedRead", "log-delivery-write", "LogDeliveryWrite",
            "bucket-owner-read", "BucketOwnerRead", "bucket-owner-full-control", "BucketOwnerFullControl",
            "aws-exec-read", "AwsExecRead");

    private S3Mappings() {}

    static void register(Mappings mappings) {
        mappings.resource("aws_s3_bucket", "AWS::S3::Bucket", (tf, out, output) -> {
            out.set("BucketName", tf.raw("bucket"), tf.at("bucket"));
            out.set("Tags", tf.tags("tags"), tf.at("tags"));
            out.set("ObjectLockEnabled", TfView.bool(tf.raw("object_lock_enabled")), tf.at("object_lock_enabled"));
            // Provider v3 inline configuration.
            acl(tf.raw("acl"), tf.at("acl"), out);
            unknownIfDynamic(tf, "versioning", "VersioningConfiguration", out);
            unknownIfDynamic(tf, "logging", "LoggingConfiguration", out);
            unknownIfDynamic(tf, "website", "WebsiteConfiguration", out);
            tf.block("versioning").ifPresent(versioning -> versioning(versioning.bool("enabled"), versioning.at("enabled"),
                    versioning.raw("mfa_delete"), versioning.at("mfa_delete"), out));
            if (tf.blocksUnknown("server_side_encryption_configuration")) {
                out.set("BucketEncryption", Unknown.because("dynamic encryption configuration"), tf.at("server_side_encryption_configuration"));
            }
            tf.block("server_side_encryption_configuration").ifPresent(sse -> encryption(sse, out));
            tf.block("logging").ifPresent(logging -> logging(logging, out));
            lifecycleRules(tf, "lifecycle_rule", out);
            inlineGrants(tf, out);
            tf.block("object_lock_configuration").ifPresent(lock -> {
                out.set("ObjectLockEnabled", TfView.map(lock.raw("object_lock_enabled"), value -> "Enabled".equals(value)),
                        lock.at("object_lock_enabled"));
                objectLock(lock, out);
            });
            tf.block("website").ifPresent(website -> {
                // Provider v3: plain strings; redirect_all_requests_to is a host name, optionally with a protocol.
                out.set("WebsiteConfiguration", new KnownMap(website.location()), website.location());
                out.set("WebsiteConfiguration.IndexDocument", website.raw("index_document"), website.at("index_document"));
                out.set("WebsiteConfiguration.ErrorDocument", website.raw("error_document"), website.at("error_document"));
                Object redirect = website.raw("redirect_all_requests_to");
                if (redirect instanceof String target) {
                    int scheme = target.indexOf("://");
                    out.set("WebsiteConfiguration.RedirectAllRequestsTo.HostName", scheme < 0 ? target : target.substring(scheme + 3),
                            website.at("redirect_all_requests_to"));
                    if (scheme > 0) {
                        out.set("WebsiteConfiguration.RedirectAllRequestsTo.Protocol", target.substring(0, scheme),
                                website.at("redirect_all_requests_to"));
                    }
                } else {
                    out.set("WebsiteConfiguration.RedirectAllRequestsTo", redirect, website.at("redirect_all_requests_to"));
                }
            });
            tf.block("replication_configuration").ifPresent(replication -> out.set("ReplicationConfiguration",
                    replication.object("role", "Role"), replication.location()));
            if (tf.raw("policy") != null) {
                PropertyWriter policy = output.add("AWS::S3::BucketPolicy", ".policy", tf.at("policy"));
                policy.set("Bucket", Unknown.fromResource(output.address(), "the bucket's id"), tf.at("policy"));
                policy.set("PolicyDocument", tf.policy("policy"), tf.at("policy"));
            }
        });
        mappings.child("aws_s3_bucket_versioning", BUCKET, (tf, out, output) -> {
            unknownIfDynamic(tf, "versioning_configuration", "VersioningConfiguration", out);
            tf.block("versioning_configuration").ifPresent(configuration -> {
                // Disabled (a bucket never versioned) has no CloudFormation value; Suspended is the nearest
                // state that is not Enabled and keeps where the status was written.
                Object status = configuration.raw("status");
                out.set("VersioningConfiguration.Status", TfView.map(status, value -> "Disabled".equals(value) ? "Suspended" : value),
                        configuration.at("status"));
                out.set("VersioningConfiguration.MfaDelete", configuration.raw("mfa_delete"), configuration.at("mfa_delete"));
            });
        });
        mappings.child("aws_s3_bucket_server_side_encryption_configuration", BUCKET, (tf, out, output) -> {
            if (tf.blocksUnknown("rule")) {
                out.set("BucketEncryption", Unknown.because("dynamic encryption rules"), tf.at("rule"));
                return;
            }
            encryption(tf, out);
        });
        mappings.child("aws_s3_bucket_logging", BUCKET, (tf, out, output) -> logging(tf, out));
        mappings.child("aws_s3_bucket_public_access_block", BUCKET, (tf, out, output) -> {
            // Arguments left out are false, as the provider sends them.
            out.set("PublicAccessBlockConfiguration", publicAccessBlock(tf), tf.location());
        });
        mappings.child("aws_s3_bucket_ownership_controls", BUCKET, (tf, out, output) -> {
            unknownIfDynamic(tf, "rule", "OwnershipControls", out);
            tf.block("rule").ifPresent(rule -> {
                KnownMap entry = new KnownMap(rule.location());
                entry.put("ObjectOwnership", rule.raw("object_ownership"), rule.at("object_ownership"));
                out.append("OwnershipControls.Rules", entry, rule.location());
            });
        });
        mappings.child("aws_s3_bucket_acl", BUCKET, (tf, out, output) -> {
            acl(tf.raw("acl"), tf.at("acl"), out);
            tf.block("access_control_policy").ifPresent(policy -> {
                Grants grants = new Grants();
                for (TfView grant : policy.blocks("grant")) {
                    for (TfView grantee : grant.blocks("grantee")) {
                        grants.add(grantee.raw("uri"), List.of(String.valueOf(grant.raw("permission"))));
                    }
                }
                grants.write(policy.location(), out);
            });
        });
        mappings.child("aws_s3_bucket_lifecycle_configuration", BUCKET, (tf, out, output) -> lifecycleRules(tf, "rule", out));
        mappings.child("aws_s3_bucket_object_lock_configuration", BUCKET, (tf, out, output) -> {
            // Object Lock configuration is only accepted on a bucket created with Object Lock enabled.
            out.set("ObjectLockEnabled", Boolean.TRUE, tf.location());
            objectLock(tf, out);
        });
        mappings.child("aws_s3_bucket_website_configuration", BUCKET, (tf, out, output) -> {
            out.set("WebsiteConfiguration", new KnownMap(tf.location()), tf.location());
            tf.block("index_document").ifPresent(index -> out.set("WebsiteConfiguration.IndexDocument", index.raw("suffix"),
                    index.at("suffix")));
            tf.block("error_document").ifPresent(error -> out.set("WebsiteConfiguration.ErrorDocument", error.raw("key"),
                    error.at("key")));
            tf.block("redirect_all_requests_to").ifPresent(redirect -> out.set("WebsiteConfiguration.RedirectAllRequestsTo",
                    redirect.object("host_name", "HostName", "protocol", "Protocol"), redirect.location()));
        });
        mappings.child("aws_s3_bucket_replication_configuration", BUCKET, (tf, out, output) ->
                out.set("ReplicationConfiguration", tf.object("role", "Role"), tf.location()));
        mappings.child("aws_s3_bucket_notification", BUCKET, (tf, out, output) -> {
            out.set("NotificationConfiguration", new KnownMap(tf.location()), tf.location());
            out.set("NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled", tf.bool("eventbridge"), tf.at("eventbridge"));
        });
        mappings.resource("aws_s3_bucket_policy", "AWS::S3::BucketPolicy", (tf, out, output) -> {
            out.set("Bucket", tf.raw("bucket"), tf.at("bucket"));
            out.set("PolicyDocument", tf.policy("policy"), tf.at("policy"));
        });
        mappings.resource("aws_s3_account_public_access_block", "Bulwark::S3::AccountPublicAccessBlock", (tf, out, output) -> {
            KnownMap block = publicAccessBlock(tf);
            for (String key : block.keyList()) {
                out.set(key, block.raw(key), block.entryLocation(key));
            }
        });
    }

    /** CloudFormation has canned ACLs only: grants to everyone (or every AWS account) read as the matching canned ACL. */
    private static final class Grants {
        private boolean allUsers;
        private boolean authenticated;
        private boolean write;
        private boolean unknown;

        void add(Object uri, List<String> permissions) {
            if (uri instanceof Unknown) {
                unknown = true;
            } else if (uri instanceof String text && text.endsWith("/global/AllUsers")) {
                allUsers = true;
                write |= permissions.stream().anyMatch(p -> List.of("WRITE", "WRITE_ACP", "FULL_CONTROL").contains(p));
            } else if (uri instanceof String text && text.endsWith("/global/AuthenticatedUsers")) {
                authenticated = true;
            }
        }

        void write(SourceLocation location, PropertyWriter out) {
            if (allUsers) {
                out.set("AccessControl", write ? "PublicReadWrite" : "PublicRead", location);
            } else if (authenticated) {
                out.set("AccessControl", "AuthenticatedRead", location);
            } else if (unknown && out.get("AccessControl") == null) {
                out.set("AccessControl", Unknown.because("a grantee is unknown"), location);
            }
        }
    }

    /** Provider v3 grant blocks on the bucket: {type, uri, id, permissions}. */
    private static void inlineGrants(TfView tf, PropertyWriter out) {
        if (tf.blocksUnknown("grant")) {
            out.set("AccessControl", Unknown.because("dynamic grant blocks"), tf.at("grant"));
            return;
        }
        List<TfView> blocks = tf.blocks("grant");
        if (blocks.isEmpty()) {
            return;
        }
        Grants grants = new Grants();
        for (TfView grant : blocks) {
            Object permissions = grant.raw("permissions");
            List<String> names = new java.util.ArrayList<>();
            if (permissions instanceof KnownList list) {
                for (int i = 0; i < list.size(); i++) {
                    names.add(String.valueOf(list.raw(i)));
                }
            }
            grants.add(grant.raw("uri"), names);
        }
        grants.write(tf.at("grant"), out);
    }

    /** An object_lock_configuration's rule: default_retention {mode, days, years}. */
    private static void objectLock(TfView configuration, PropertyWriter out) {
        out.set("ObjectLockConfiguration.ObjectLockEnabled", "Enabled", configuration.location());
        configuration.block("rule").ifPresent(rule -> rule.block("default_retention").ifPresent(retention -> {
            KnownMap defaults = new KnownMap(retention.location());
            defaults.put("Mode", retention.raw("mode"), retention.at("mode"));
            defaults.put("Days", TfView.number(retention.raw("days")), retention.at("days"));
            defaults.put("Years", TfView.number(retention.raw("years")), retention.at("years"));
            out.set("ObjectLockConfiguration.Rule.DefaultRetention", defaults, retention.location());
        }));
    }

    /** A dynamic block whose for_each is unknown makes the property it maps to unknown. */
    private static void unknownIfDynamic(TfView tf, String block, String property, PropertyWriter out) {
        if (tf.blocksUnknown(block)) {
            out.set(property, Unknown.because("dynamic " + block + " blocks with an unknown for_each"), tf.at(block));
        }
    }

    private static KnownMap publicAccessBlock(TfView tf) {
        KnownMap block = new KnownMap(tf.location());
        flag(tf, "block_public_acls", "BlockPublicAcls", block);
        flag(tf, "block_public_policy", "BlockPublicPolicy", block);
        flag(tf, "ignore_public_acls", "IgnorePublicAcls", block);
        flag(tf, "restrict_public_buckets", "RestrictPublicBuckets", block);
        return block;
    }

    private static void flag(TfView tf, String name, String property, KnownMap into) {
        Object value = tf.bool(name);
        into.put(property, value == null ? Boolean.FALSE : value, tf.at(name));
    }

    private static void acl(Object acl, SourceLocation location, PropertyWriter out) {
        if (acl == null) {
            return;
        }
        out.set("AccessControl", TfView.map(acl, value -> CANNED_ACLS.getOrDefault(String.valueOf(value), String.valueOf(value))), location);
    }

    private static void versioning(Object enabled, SourceLocation enabledAt, Object mfaDelete, SourceLocation mfaAt, PropertyWriter out) {
        out.set("VersioningConfiguration.Status", TfView.map(enabled, value -> Boolean.TRUE.equals(value) ? "Enabled" : "Suspended"), enabledAt);
        out.set("VersioningConfiguration.MfaDelete", TfView.map(TfView.bool(mfaDelete),
                value -> Boolean.TRUE.equals(value) ? "Enabled" : "Disabled"), mfaAt);
    }

    /** A server_side_encryption_configuration (v3) or the split resource: rule blocks. */
    private static void encryption(TfView configuration, PropertyWriter out) {
        KnownList rules = new KnownList(configuration.location());
        for (TfView rule : configuration.blocks("rule")) {
            KnownMap entry = new KnownMap(rule.location());
            if (rule.blocksUnknown("apply_server_side_encryption_by_default")) {
                entry.put("ServerSideEncryptionByDefault", Unknown.because("dynamic block"), rule.location());
            }
            rule.block("apply_server_side_encryption_by_default").ifPresent(defaults -> {
                KnownMap byDefault = new KnownMap(defaults.location());
                if (defaults.has("sse_algorithm")) {
                    byDefault.put("SSEAlgorithm", defaults.raw("sse_algorithm"), defaults.at("sse_algorithm"));
                }
                if (defaults.has("kms_master_key_id")) {
                    byDefault.put("KMSMasterKeyID", defaults.raw("kms_master_key_id"), defaults.at("kms_master_key_id"));
                }
                entry.put("ServerSideEncryptionByDefault", byDefault, defaults.location());
            });
            if (rule.has("bucket_key_enabled")) {
                entry.put("BucketKeyEnabled", rule.bool("bucket_key_enabled"), rule.at("bucket_key_enabled"));
            }
            rules.append(entry, rule.location());
        }
        out.set("BucketEncryption.ServerSideEncryptionConfiguration", rules, configuration.location());
    }

    private static void logging(TfView logging, PropertyWriter out) {
        out.set("LoggingConfiguration.DestinationBucketName", logging.raw("target_bucket"), logging.at("target_bucket"));
        out.set("LoggingConfiguration.LogFilePrefix", logging.raw("target_prefix"), logging.at("target_prefix"));
        if (!logging.has("target_bucket")) {
            out.set("LoggingConfiguration", new KnownMap(logging.location()), logging.location());
        }
    }

    private static void lifecycleRules(TfView tf, String blockName, PropertyWriter out) {
        if (tf.blocksUnknown(blockName)) {
            out.set("LifecycleConfiguration", Unknown.because("dynamic lifecycle rules"), tf.at(blockName));
            return;
        }
        for (TfView rule : tf.blocks(blockName)) {
            KnownMap entry = new KnownMap(rule.location());
            entry.put("Id", rule.raw("id"), rule.at("id"));
            Object status = rule.has("status") ? rule.raw("status")
                    : TfView.map(rule.bool("enabled"), value -> Boolean.TRUE.equals(value) ? "Enabled" : "Disabled");
            entry.put("Status", status, rule.has("status") ? rule.at("status") : rule.at("enabled"));
            rule.block("expiration").ifPresent(expiration -> entry.put("ExpirationInDays", TfView.number(expiration.raw("days")),
                    expiration.at("days")));
            rule.block("abort_incomplete_multipart_upload").ifPresent(abort -> entry.put("AbortIncompleteMultipartUpload",
                    abort.object("days_after_initiation", "DaysAfterInitiation"), abort.location()));
            rule.block("noncurrent_version_expiration").ifPresent(expiration -> entry.put("NoncurrentVersionExpiration",
                    expiration.object("noncurrent_days", "NoncurrentDays", "days", "NoncurrentDays"), expiration.location()));
            if (!rule.blocks("transition").isEmpty()) {
                KnownList transitions = new KnownList(rule.location());
                for (TfView transition : rule.blocks("transition")) {
                    transitions.append(transition.object("days", "TransitionInDays", "storage_class", "StorageClass"), transition.location());
                }
                entry.put("Transitions", transitions, rule.location());
            }
            out.append("LifecycleConfiguration.Rules", entry, rule.location());
        }
    }
}

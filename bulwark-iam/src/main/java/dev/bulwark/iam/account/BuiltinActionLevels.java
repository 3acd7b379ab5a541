package dev.bulwark.iam.account;

import java.util.List;

/** The curated {@link ActionLevels}; TestActionNamesInCatalog checks each action against the IAM action catalog. */
final class BuiltinActionLevels implements ActionLevels {
    static final BuiltinActionLevels INSTANCE = new BuiltinActionLevels();

    // Permissions-management (and sharing) actions of services with resource policies. Deleting a
    // policy narrows access, so only actions that can widen it are listed.
    private static final List<String> EXPOSURE = sorted(List.of(
            "backup:PutBackupVaultAccessPolicy",
            "codeartifact:PutRepositoryPermissionsPolicy",
            "ec2:ModifyImageAttribute",
            "ec2:ModifySnapshotAttribute",
            "ecr-public:SetRepositoryPolicy",
            "ecr:SetRepositoryPolicy",
            "elasticfilesystem:PutFileSystemPolicy",
            "events:PutPermission",
            "glacier:SetVaultAccessPolicy",
            "glue:PutResourcePolicy",
            "kms:CreateGrant",
            "kms:PutKeyPolicy",
            "lambda:AddLayerVersionPermission",
            "lambda:AddPermission",
            "logs:PutResourcePolicy",
            "ram:CreateResourceShare",
            "rds:ModifyDBClusterSnapshotAttribute",
            "rds:ModifyDBSnapshotAttribute",
            "s3:PutAccessPointPolicy",
            "s3:PutAccountPublicAccessBlock",
            "s3:PutBucketAcl",
            "s3:PutBucketPolicy",
            "s3:PutBucketPublicAccessBlock",
            "s3:PutObjectAcl",
            "secretsmanager:PutResourcePolicy",
            "serverlessrepo:PutApplicationPolicy",
            "sns:AddPermission",
            "sns:SetTopicAttributes",
            "sqs:AddPermission",
            "sqs:SetQueueAttributes"));

    // Reads that return the data itself, not metadata about it.
    private static final List<String> DATA_READS = sorted(List.of(
            "dynamodb:BatchGetItem",
            "dynamodb:GetItem",
            "dynamodb:Query",
            "dynamodb:Scan",
            "ebs:GetSnapshotBlock",
            "ec2:GetPasswordData",
            "glue:GetConnection",
            "kinesis:GetRecords",
            "kms:Decrypt",
            "lambda:GetFunction",
            "s3:GetObject",
            "s3:GetObjectVersion",
            "secretsmanager:GetSecretValue",
            "sqs:ReceiveMessage",
            "ssm:GetParameter",
            "ssm:GetParameters",
            "ssm:GetParametersByPath"));

    private BuiltinActionLevels() {}

    @Override
    public List<String> resourceExposureActions() {
        return EXPOSURE;
    }

    @Override
    public List<String> dataReadActions() {
        return DATA_READS;
    }

    private static List<String> sorted(List<String> actions) {
        return actions.stream().sorted().toList();
    }
}

locals {
  create          = var.create_bucket
  has_versioning  = length(keys(var.versioning)) > 0
  has_encryption  = length(keys(var.server_side_encryption_configuration)) > 0
  versioning_text = lookup(var.versioning, "status", null)
}

resource "aws_s3_bucket" "this" {
  count = local.create ? 1 : 0

  bucket = var.bucket
  tags   = merge({ ManagedBy = "terraform" }, var.tags)
}

resource "aws_s3_bucket_acl" "this" {
  count = local.create && var.acl != null ? 1 : 0

  bucket = aws_s3_bucket.this[0].id
  acl    = var.acl
}

resource "aws_s3_bucket_versioning" "this" {
  count = local.create && local.has_versioning ? 1 : 0

  bucket = aws_s3_bucket.this[0].id

  versioning_configuration {
    status     = try(tobool(var.versioning["enabled"]) ? "Enabled" : "Suspended", title(lower(local.versioning_text)))
    mfa_delete = try(tobool(var.versioning["mfa_delete"]) ? "Enabled" : "Disabled", null)
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  count = local.create && local.has_encryption ? 1 : 0

  bucket = aws_s3_bucket.this[0].id

  dynamic "rule" {
    for_each = try(flatten([var.server_side_encryption_configuration["rule"]]), [])

    content {
      bucket_key_enabled = try(rule.value.bucket_key_enabled, null)

      dynamic "apply_server_side_encryption_by_default" {
        for_each = try([rule.value.apply_server_side_encryption_by_default], [])

        content {
          sse_algorithm     = apply_server_side_encryption_by_default.value.sse_algorithm
          kms_master_key_id = try(apply_server_side_encryption_by_default.value.kms_master_key_id, null)
        }
      }
    }
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  count = local.create ? 1 : 0

  bucket              = aws_s3_bucket.this[0].id
  block_public_acls   = var.block_public_acls
  block_public_policy = var.block_public_policy
  ignore_public_acls  = true

  restrict_public_buckets = true
}

output "bucket_id" {
  value = try(aws_s3_bucket.this[0].id, "")
}

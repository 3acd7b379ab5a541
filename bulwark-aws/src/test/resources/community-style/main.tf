variable "pipeline_acl" {
  description = "Set by the deployment pipeline; unknown here."
  type        = string
}

variable "pipeline_versioning" {
  type = map(string)
}

module "public" {
  source = "./modules/bucket"

  bucket     = "public-assets"
  acl        = "public-read"
  versioning = { enabled = false }
  server_side_encryption_configuration = {
    rule = {
      bucket_key_enabled = true
      apply_server_side_encryption_by_default = {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = aws_kms_key.assets.arn
      }
    }
  }
}

module "configurable" {
  source = "./modules/bucket"

  bucket            = "configurable"
  acl               = var.pipeline_acl
  versioning        = var.pipeline_versioning
  block_public_acls = var.pipeline_acl == "private"
}

module "disabled" {
  source        = "./modules/bucket"
  create_bucket = false
  acl           = "public-read-write"
}

resource "aws_kms_key" "assets" {
  enable_key_rotation = true
}

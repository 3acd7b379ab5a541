# Production stack: a network, buckets for each purpose, and a database, built from local modules.
terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = var.region
}

locals {
  name = "shop-${var.environment}"
  tags = {
    Environment = var.environment
    Owner       = "platform"
  }
}

module "network" {
  source = "../../modules/network"

  name              = local.name
  cidr_block        = "10.20.0.0/16"
  zones             = ["eu-west-1a", "eu-west-1b"]
  admin_cidrs       = var.admin_cidrs
  enable_flow_logs  = true
  flow_log_role_arn = aws_iam_role.flow_logs.arn
  tags              = local.tags
}

module "buckets" {
  source   = "../../modules/storage"
  for_each = var.buckets

  name        = "${local.name}-${each.key}"
  versioning  = each.value.versioning
  public_read = each.value.public_read
  log_bucket  = aws_s3_bucket.access_logs.id
  tags        = local.tags
}

module "orders_db" {
  source = "../../modules/database"

  name              = "${local.name}-orders"
  subnet_ids        = module.network.private_subnet_ids
  security_group_id = module.network.database_security_group_id
  backup_days       = var.backup_days
  kms_key_arn       = aws_kms_key.data.arn
}

# A registry module that has not been downloaded with terraform init: its settings are unknown,
# so nothing is reported about it.
module "cdn" {
  source  = "terraform-aws-modules/cloudfront/aws"
  version = "3.4.0"
  comment = "static assets"
}

resource "aws_kms_key" "data" {
  description             = "Data at rest for ${local.name}"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  tags                    = local.tags
}

resource "aws_s3_bucket" "access_logs" {
  bucket = "${local.name}-access-logs"
  tags   = local.tags
}

resource "aws_s3_bucket_versioning" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.data.arn
    }
  }
}

resource "aws_iam_role" "flow_logs" {
  name = "${local.name}-flow-logs"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "vpc-flow-logs.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "flow_logs" {
  name = "write-flow-logs"
  role = aws_iam_role.flow_logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = "*"
    }]
  })
}

# A CI deployer that was given far more than it needs.
resource "aws_iam_policy" "deployer" {
  name   = "${local.name}-deployer"
  policy = data.aws_iam_policy_document.deployer.json
}

data "aws_iam_policy_document" "deployer" {
  statement {
    sid       = "DeployEverything"
    actions   = ["*"]
    resources = ["*"]
  }
}

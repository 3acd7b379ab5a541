# Production account baseline and the orders application, built from the local modules.
terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

provider "aws" {
  region = var.region
  default_tags {
    tags = local.tags
  }
}

provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"
}

locals {
  name = "orders-${var.environment}"
  tags = {
    Application = "orders"
    Environment = var.environment
    Owner       = "platform"
  }

  keys = {
    data   = { description = "Databases, caches, file systems and backups", services = [] }
    logs   = { description = "CloudWatch Logs", services = ["logs.${var.region}.amazonaws.com"] }
    audit  = { description = "CloudTrail and AWS Config", services = ["cloudtrail.amazonaws.com", "config.amazonaws.com"] }
    app    = { description = "Application secrets, queues, topics, images", services = ["sns.amazonaws.com"] }
    alerts = { description = "Security alert topic", services = ["cloudwatch.amazonaws.com", "events.amazonaws.com"] }
  }

  buckets = {
    static  = { noncurrent_days = 30 }
    uploads = { noncurrent_days = 90 }
    exports = { noncurrent_days = 365 }
  }
}

data "aws_caller_identity" "current" {}

module "keys" {
  source   = "../../modules/kms-key"
  for_each = local.keys

  name               = "${local.name}-${each.key}"
  description        = each.value.description
  admin_role_arns    = [module.identity.break_glass_role_arn]
  service_principals = each.value.services
  tags               = local.tags
}

module "logs" {
  source = "../../modules/log-archive"

  prefix            = local.name
  trail_name        = "${local.name}-trail"
  audit_kms_key_arn = module.keys["audit"].arn
  tags              = local.tags
}

module "monitoring" {
  source = "../../modules/monitoring"

  prefix            = local.name
  trail_name        = "${local.name}-trail"
  audit_bucket      = module.logs.audit_bucket
  audit_bucket_arn  = module.logs.audit_bucket_arn
  audit_kms_key_arn = module.keys["audit"].arn
  logs_kms_key_arn  = module.keys["logs"].arn
  alerts_kms_key_id = module.keys["alerts"].key_id
  security_email    = var.security_email
  tags              = local.tags
}

module "network" {
  source = "../../modules/network"

  name             = local.name
  cidr_block       = "10.40.0.0/16"
  zones            = { "eu-west-1a" = 0, "eu-west-1b" = 1, "eu-west-1c" = 2 }
  logs_kms_key_arn = module.keys["logs"].arn
  tags             = local.tags
}

data "aws_iam_policy_document" "static_from_cloudfront" {
  statement {
    sid       = "CloudFrontReads"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::${local.name}-static/*"]
    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "AWS:SourceArn"
      values   = [module.app.cloudfront_distribution_arn]
    }
  }
}

module "buckets" {
  source   = "../../modules/s3-bucket"
  for_each = local.buckets

  name             = "${local.name}-${each.key}"
  kms_key_arn      = module.keys["data"].arn
  log_bucket       = module.logs.access_logs_bucket
  noncurrent_days  = each.value.noncurrent_days
  policy_documents = each.key == "static" ? [data.aws_iam_policy_document.static_from_cloudfront.json] : []
  tags             = local.tags
}

module "data" {
  source = "../../modules/data-stores"

  name               = local.name
  data_kms_key_arn   = module.keys["data"].arn
  logs_kms_key_arn   = module.keys["logs"].arn
  subnet_ids         = module.network.data_subnet_ids
  security_group_id  = module.network.data_security_group_id
  access_logs_bucket = module.logs.access_logs_bucket
  instance_count     = var.database_instances
  cache_auth_token   = var.cache_auth_token
  tags               = local.tags
}

resource "aws_wafv2_web_acl" "cloudfront" {
  provider = aws.us_east_1

  name  = "${local.name}-cloudfront"
  scope = "CLOUDFRONT"

  default_action {
    allow {}
  }

  rule {
    name     = "aws-common"
    priority = 1
    override_action {
      none {}
    }
    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesCommonRuleSet"
      }
    }
    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "aws-common"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "${local.name}-cloudfront"
    sampled_requests_enabled   = true
  }
}

module "app" {
  source = "../../modules/app-platform"

  name                               = local.name
  vpc_id                             = module.network.vpc_id
  public_subnet_ids                  = module.network.public_subnet_ids
  private_subnet_ids                 = module.network.private_subnet_ids
  alb_security_group_id              = module.network.alb_security_group_id
  app_security_group_id              = module.network.app_security_group_id
  certificate_arn                    = var.certificate_arn
  cloudfront_certificate_arn         = var.cloudfront_certificate_arn
  cloudfront_web_acl_arn             = aws_wafv2_web_acl.cloudfront.arn
  static_bucket_regional_domain_name = module.buckets["static"].regional_domain_name
  access_logs_bucket                 = module.logs.access_logs_bucket
  access_logs_bucket_arn             = module.logs.access_logs_bucket_arn
  app_kms_key_arn                    = module.keys["app"].arn
  logs_kms_key_arn                   = module.keys["logs"].arn
  efs_id                             = module.data.efs_id
  efs_access_point_id                = module.data.efs_access_point_id
  user_pool_arn                      = var.user_pool_arn
  jwt_issuer                         = var.jwt_issuer
  admin_cidrs                        = var.admin_cidrs
  organization_id                    = var.organization_id
  rotation_lambda_arn                = var.rotation_lambda_arn
  image_tag                          = var.image_tag
  tags                               = local.tags
}

module "identity" {
  source = "../../modules/identity"

  prefix            = local.name
  github_repository = "example-org/orders"
  break_glass_users = toset(var.break_glass_users)
  tags              = local.tags
}

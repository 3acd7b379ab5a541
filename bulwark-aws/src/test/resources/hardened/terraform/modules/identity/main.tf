# Human access through groups with enforced MFA, a support role (CIS 1.17), a break-glass role
# that requires MFA, and a GitHub Actions deployment role pinned to one repository and environment.
variable "prefix" {
  type = string
}

variable "github_repository" {
  description = "owner/name of the repository allowed to deploy."
  type        = string
}

variable "break_glass_users" {
  type    = set(string)
  default = []
}

variable "tags" {
  type    = map(string)
  default = {}
}

data "aws_caller_identity" "current" {}

locals {
  account_root = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"
}

# --- groups and users --------------------------------------------------------------------------

data "aws_iam_policy_document" "require_mfa" {
  statement {
    sid = "AllowManageOwnMfa"
    actions = [
      "iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ResyncMFADevice", "iam:ListMFADevices",
      "iam:GetUser", "iam:ChangePassword", "iam:GetLoginProfile",
    ]
    resources = [
      "arn:aws:iam::${data.aws_caller_identity.current.account_id}:user/$${aws:username}",
      "arn:aws:iam::${data.aws_caller_identity.current.account_id}:mfa/$${aws:username}",
    ]
  }

  statement {
    sid    = "DenyEverythingElseWithoutMfa"
    effect = "Deny"
    not_actions = [
      "iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ResyncMFADevice", "iam:ListMFADevices",
      "iam:GetUser", "iam:ChangePassword", "iam:GetLoginProfile", "sts:GetSessionToken",
    ]
    resources = ["*"]
    condition {
      test     = "BoolIfExists"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
}

resource "aws_iam_policy" "require_mfa" {
  name   = "${var.prefix}-require-mfa"
  policy = data.aws_iam_policy_document.require_mfa.json
  tags   = var.tags
}

resource "aws_iam_group" "break_glass" {
  name = "${var.prefix}-break-glass"
}

resource "aws_iam_group_policy_attachment" "break_glass" {
  for_each = {
    mfa    = aws_iam_policy.require_mfa.arn
    assume = aws_iam_policy.assume_break_glass.arn
  }

  group      = aws_iam_group.break_glass.name
  policy_arn = each.value
}

resource "aws_iam_group" "auditors" {
  name = "${var.prefix}-auditors"
}

resource "aws_iam_group_policy_attachment" "auditors" {
  for_each = toset([
    "arn:aws:iam::aws:policy/SecurityAudit",
    "arn:aws:iam::aws:policy/ReadOnlyAccess",
  ])

  group      = aws_iam_group.auditors.name
  policy_arn = each.value
}

resource "aws_iam_user" "break_glass" {
  for_each      = var.break_glass_users
  name          = each.key
  force_destroy = false
  tags          = var.tags
}

resource "aws_iam_user_login_profile" "break_glass" {
  for_each                = var.break_glass_users
  user                    = aws_iam_user.break_glass[each.key].name
  password_reset_required = true
}

resource "aws_iam_user_group_membership" "break_glass" {
  for_each = var.break_glass_users
  user     = aws_iam_user.break_glass[each.key].name
  groups   = [aws_iam_group.break_glass.name]
}

# --- break-glass and support roles -------------------------------------------------------------

data "aws_iam_policy_document" "trust_account_with_mfa" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = [local.account_root]
    }
    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }
    condition {
      test     = "NumericLessThan"
      variable = "aws:MultiFactorAuthAge"
      values   = ["3600"]
    }
  }
}

resource "aws_iam_role" "break_glass" {
  name                 = "${var.prefix}-break-glass"
  assume_role_policy   = data.aws_iam_policy_document.trust_account_with_mfa.json
  max_session_duration = 3600
  tags                 = var.tags
}

# Deliberate: the break-glass role is the one administrator identity, usable only with MFA and
# for an hour at a time; its use pages the security team (CIS 4.3 alarm on the trail).
resource "aws_iam_role_policy_attachment" "break_glass" {
  role       = aws_iam_role.break_glass.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

data "aws_iam_policy_document" "assume_break_glass" {
  statement {
    actions   = ["sts:AssumeRole"]
    resources = [aws_iam_role.break_glass.arn]
  }
}

resource "aws_iam_policy" "assume_break_glass" {
  name   = "${var.prefix}-assume-break-glass"
  policy = data.aws_iam_policy_document.assume_break_glass.json
  tags   = var.tags
}

resource "aws_iam_role" "support" {
  name               = "${var.prefix}-support"
  assume_role_policy = data.aws_iam_policy_document.trust_account_with_mfa.json
  tags               = var.tags
}

resource "aws_iam_role_policy_attachment" "support" {
  role       = aws_iam_role.support.name
  policy_arn = "arn:aws:iam::aws:policy/AWSSupportAccess"
}

# --- GitHub Actions deployments ----------------------------------------------------------------

resource "aws_iam_openid_connect_provider" "github" {
  url             = "https://token.actions.githubusercontent.com"
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1"]
  tags            = var.tags
}

data "aws_iam_policy_document" "github_trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.github.arn]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["repo:${var.github_repository}:environment:production"]
    }
  }
}

resource "aws_iam_policy" "deploy_boundary" {
  name = "${var.prefix}-deploy-boundary"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ServicesTheDeploymentManages"
        Effect   = "Allow"
        Action   = ["ecs:*", "ecr:*", "lambda:*", "apigateway:*", "cloudfront:*", "s3:*", "logs:*", "cloudwatch:*"]
        Resource = "*"
        Condition = {
          StringEquals = { "aws:RequestedRegion" = ["eu-west-1", "us-east-1"] }
        }
      },
      {
        Sid      = "NoIdentityChanges"
        Effect   = "Deny"
        Action   = ["iam:Create*", "iam:Delete*", "iam:Put*", "iam:Attach*", "iam:Detach*", "iam:Update*", "organizations:*", "account:*"]
        Resource = "*"
      },
    ]
  })
  tags = var.tags
}

data "aws_iam_policy_document" "deploy" {
  statement {
    sid = "UpdateServices"
    actions = [
      "ecs:UpdateService", "ecs:RegisterTaskDefinition", "ecs:DescribeServices", "ecs:DescribeTaskDefinition",
      "lambda:UpdateFunctionCode", "lambda:PublishVersion", "lambda:UpdateAlias",
    ]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:ResourceTag/Application"
      values   = ["orders"]
    }
  }

  statement {
    sid       = "PushImages"
    actions   = ["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage"]
    resources = ["*"]
  }

  statement {
    sid       = "PassOnlyServiceRoles"
    actions   = ["iam:PassRole"]
    resources = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/orders-*"]
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["ecs-tasks.amazonaws.com", "lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_policy" "deploy" {
  name   = "${var.prefix}-github-deploy"
  policy = data.aws_iam_policy_document.deploy.json
  tags   = var.tags
}

resource "aws_iam_role" "github_deploy" {
  name                 = "${var.prefix}-github-deploy"
  assume_role_policy   = data.aws_iam_policy_document.github_trust.json
  permissions_boundary = aws_iam_policy.deploy_boundary.arn
  max_session_duration = 3600
  tags                 = var.tags
}

resource "aws_iam_role_policy_attachment" "github_deploy" {
  role       = aws_iam_role.github_deploy.name
  policy_arn = aws_iam_policy.deploy.arn
}

output "break_glass_role_arn" {
  value = aws_iam_role.break_glass.arn
}

output "github_deploy_role_arn" {
  value = aws_iam_role.github_deploy.arn
}

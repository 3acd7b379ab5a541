# Escalation that only shows across resources: no single policy here is "admin".
locals {
  account = "111122223333"
}

# An administrator role that Lambda can assume.
resource "aws_iam_role" "lambda_admin" {
  name = "lambda-admin"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy_attachment" "lambda_admin" {
  role       = aws_iam_role.lambda_admin.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

# The builder may pass lambda-* roles (inline) and create and invoke functions (managed policy).
resource "aws_iam_role" "builder" {
  name = "builder"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::${local.account}:root" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "builder_pass" {
  name = "pass-lambda-roles"
  role = aws_iam_role.builder.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Sid = "PassLambdaRoles", Effect = "Allow", Action = "iam:PassRole", Resource = "arn:aws:iam::${local.account}:role/lambda-*" }]
  })
}

resource "aws_iam_policy" "functions" {
  name = "functions"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Sid = "Functions", Effect = "Allow", Action = ["lambda:CreateFunction", "lambda:InvokeFunction"], Resource = "*" }]
  })
}

resource "aws_iam_role_policy_attachment" "builder_functions" {
  role       = aws_iam_role.builder.name
  policy_arn = aws_iam_policy.functions.arn
}

# A developer who may assume the builder: two hops from administrator.
resource "aws_iam_user" "dev" {
  name = "dev"
}

resource "aws_iam_user_policy" "dev" {
  name = "assume-builder"
  user = aws_iam_user.dev.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Sid = "AssumeBuilder", Effect = "Allow", Action = "sts:AssumeRole", Resource = aws_iam_role.builder.arn }]
  })
}

resource "aws_iam_user" "ops" {
  name = "ops"
}

resource "aws_iam_user_policy" "ops" {
  name = "assume-builder-by-name"
  user = aws_iam_user.ops.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Sid = "AssumeBuilder", Effect = "Allow", Action = "sts:AssumeRole", Resource = "arn:aws:iam::${local.account}:role/builder" }]
  })
}

# The same grants, but a Deny takes PassRole back: no escalation.
resource "aws_iam_role" "guarded" {
  name = "guarded"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "codebuild.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "guarded" {
  name = "deploy"
  role = aws_iam_role.guarded.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iam:PassRole", Resource = "arn:aws:iam::${local.account}:role/lambda-*" },
      { Effect = "Allow", Action = ["lambda:CreateFunction", "lambda:InvokeFunction"], Resource = "*" },
      { Sid = "NoPassing", Effect = "Deny", Action = "iam:PassRole", Resource = "*" }
    ]
  })
}

# PassRole on a role ARN nobody knows before deployment: nothing certain, no finding.
variable "target_role_arn" {
  type = string
}

resource "aws_iam_role" "unknown_target" {
  name = "unknown-target"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "codebuild.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "unknown_target" {
  name = "deploy"
  role = aws_iam_role.unknown_target.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iam:PassRole", Resource = var.target_role_arn },
      { Effect = "Allow", Action = ["lambda:CreateFunction", "lambda:InvokeFunction"], Resource = "*" }
    ]
  })
}

# The legacy account, before the baseline: what the hardened stack fixes, as it is often found.
provider "aws" {
  region = "eu-west-1"
}

variable "db_password" {
  type    = string
  default = "Winter2024!"
}

variable "sites" {
  type    = set(string)
  default = ["campaign", "careers"]
}

module "site" {
  source   = "../../modules/web-bucket"
  for_each = var.sites
  name     = "legacy-${each.key}"
}

# --- network -----------------------------------------------------------------------------------

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "public" {
  count                   = 2
  vpc_id                  = aws_vpc.main.id
  cidr_block              = cidrsubnet("10.0.0.0/16", 8, count.index)
  map_public_ip_on_launch = true
}

resource "aws_security_group" "admin" {
  name   = "admin"
  vpc_id = aws_vpc.main.id

  ingress {
    description = "SSH from anywhere"
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_vpc_security_group_ingress_rule" "rdp_v6" {
  security_group_id = aws_security_group.admin.id
  ip_protocol       = "tcp"
  from_port         = 3389
  to_port           = 3389
  cidr_ipv6         = "::/0"
}

resource "aws_security_group" "db" {
  name   = "db"
  vpc_id = aws_vpc.main.id

  ingress {
    protocol    = "tcp"
    from_port   = 5432
    to_port     = 5432
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_default_security_group" "main" {
  vpc_id = aws_vpc.main.id

  ingress {
    protocol  = "-1"
    from_port = 0
    to_port   = 0
    self      = true
  }
}

# --- database ----------------------------------------------------------------------------------

resource "aws_db_instance" "orders" {
  identifier                 = "orders"
  engine                     = "postgres"
  engine_version             = "13.12"
  instance_class             = "db.t3.medium"
  allocated_storage          = 20
  username                   = "postgres"
  password                   = var.db_password
  publicly_accessible        = true
  backup_retention_period    = 1
  auto_minor_version_upgrade = false
  ca_cert_identifier         = "rds-ca-2019"
  vpc_security_group_ids     = [aws_security_group.db.id]
  skip_final_snapshot        = true
}

# --- identity ----------------------------------------------------------------------------------

resource "aws_iam_user" "deployer" {
  name = "deployer"
}

resource "aws_iam_access_key" "deployer" {
  user = aws_iam_user.deployer.name
}

resource "aws_iam_user_policy" "deployer" {
  name = "deploy-everything"
  user = aws_iam_user.deployer.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}

resource "aws_iam_user_policy_attachment" "deployer_admin" {
  user       = aws_iam_user.deployer.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_role" "ci" {
  name = "ci"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
      Condition = { StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" } }
    }]
  })
}

# --- logging -----------------------------------------------------------------------------------

resource "aws_s3_bucket" "trail" {
  bucket = "legacy-trail-logs"
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = aws_s3_bucket.trail.id
}

# --- compute -----------------------------------------------------------------------------------

resource "aws_kms_key" "app" {
  description             = "app"
  deletion_window_in_days = 7
}

resource "aws_instance" "jump" {
  ami                         = "ami-0a1b2c3d4e5f67890"
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.public[0].id
  associate_public_ip_address = true
  vpc_security_group_ids      = [aws_security_group.admin.id]

  metadata_options {
    http_tokens = "optional"
  }

  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = 50
  }

  user_data = <<-SCRIPT
    #!/bin/bash
    export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
    aws s3 sync s3://legacy-tools /opt/tools
  SCRIPT
}

resource "aws_lambda_function" "report" {
  function_name = "report"
  role          = "arn:aws:iam::111122223333:role/report"
  runtime       = "python3.9"
  handler       = "report.handler"
  filename      = "report.zip"

  environment {
    variables = {
      SMTP_PASSWORD = "hunter2-smtp"
    }
  }
}

resource "aws_lambda_function_url" "report" {
  function_name      = aws_lambda_function.report.function_name
  authorization_type = "NONE"
}

resource "aws_lambda_permission" "anyone" {
  statement_id  = "AllowAnyone"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.report.function_name
  principal     = "*"
}

resource "aws_eks_cluster" "legacy" {
  name     = "legacy"
  role_arn = "arn:aws:iam::111122223333:role/eks"
  version  = "1.29"

  vpc_config {
    subnet_ids = aws_subnet.public[*].id
  }
}

resource "aws_sqs_queue" "jobs" {
  name                    = "jobs"
  sqs_managed_sse_enabled = false
}

resource "aws_sns_topic" "alerts" {
  name = "alerts"
}

resource "aws_sns_topic_subscription" "pager" {
  topic_arn = aws_sns_topic.alerts.arn
  protocol  = "http"
  endpoint  = "http://pager.example.com/hook"
}

# A sandbox account where guard rails were switched off "temporarily" and never switched back.
provider "aws" {
  region = "eu-west-1"
}

# --- account settings --------------------------------------------------------------------------

resource "aws_iam_account_password_policy" "lax" {
  minimum_password_length   = 8
  password_reuse_prevention = 3
  require_numbers           = true
}

resource "aws_s3_account_public_access_block" "off" {
  block_public_acls   = false
  block_public_policy = false
}

resource "aws_ebs_encryption_by_default" "off" {
  enabled = false
}

resource "aws_ec2_instance_metadata_defaults" "lax" {
  http_tokens = "optional"
}

resource "aws_guardduty_detector" "main" {}

resource "aws_guardduty_detector_feature" "off" {
  for_each    = toset(["S3_DATA_EVENTS", "EKS_AUDIT_LOGS", "EBS_MALWARE_PROTECTION"])
  detector_id = aws_guardduty_detector.main.id
  name        = each.key
  status      = "DISABLED"
}

resource "aws_config_configuration_recorder" "sandbox" {
  name     = "sandbox"
  role_arn = "arn:aws:iam::111122223333:role/config"
}

resource "aws_config_delivery_channel" "sandbox" {
  name           = "sandbox"
  s3_bucket_name = "sandbox-config"
}

resource "aws_cloudtrail" "paused" {
  name                          = "paused"
  s3_bucket_name                = "sandbox-trail"
  is_multi_region_trail         = true
  enable_log_file_validation    = true
  kms_key_id                    = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  cloud_watch_logs_group_arn    = "${aws_cloudwatch_log_group.trail.arn}:*"
  enable_logging                = false
}

resource "aws_cloudwatch_log_group" "trail" {
  name       = "sandbox-trail"
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

# --- compute -----------------------------------------------------------------------------------

resource "aws_launch_template" "workers" {
  name = "workers"

  metadata_options {
    http_tokens                 = "optional"
    http_put_response_hop_limit = 2
  }

  network_interfaces {
    associate_public_ip_address = true
  }

  block_device_mappings {
    device_name = "/dev/sdf"
    ebs {
      volume_size = 100
      encrypted   = false
    }
  }
}

resource "aws_ebs_snapshot_copy" "share" {
  source_snapshot_id = "snap-0123456789abcdef0"
  source_region      = "eu-west-1"
}

resource "aws_db_snapshot" "demo" {
  db_instance_identifier = "demo"
  db_snapshot_identifier = "demo-public"
  shared_accounts        = ["all"]
}

resource "aws_network_acl" "open" {
  vpc_id = "vpc-0123456789abcdef0"

  ingress {
    rule_no    = 100
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 22
  }
}

resource "aws_security_group" "desktop" {
  name   = "desktop"
  vpc_id = "vpc-0123456789abcdef0"

  ingress {
    protocol    = "tcp"
    from_port   = 5900
    to_port     = 5900
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_eks_node_group" "debug" {
  cluster_name    = "sandbox"
  node_group_name = "debug"
  node_role_arn   = "arn:aws:iam::111122223333:role/nodes"
  subnet_ids      = ["subnet-0123456789abcdef0"]

  remote_access {
    ec2_ssh_key = "sandbox"
  }

  scaling_config {
    desired_size = 1
    min_size     = 1
    max_size     = 1
  }
}

resource "aws_ecs_cluster" "sandbox" {
  name = "sandbox"
}

resource "aws_ecs_task_definition" "debug" {
  family = "debug"
  container_definitions = jsonencode([{
    name                   = "debug"
    image                  = "public.ecr.aws/docker/library/busybox:1.36"
    readonlyRootFilesystem = true
    logConfiguration       = { logDriver = "awslogs", options = { awslogs-group = "debug" } }
    linuxParameters        = { capabilities = { add = ["SYS_PTRACE", "NET_ADMIN"] } }
  }])

  volume {
    name = "shared"
    efs_volume_configuration {
      file_system_id = aws_efs_file_system.shared.id
    }
  }
}

resource "aws_ecs_service" "debug" {
  name            = "debug"
  cluster         = aws_ecs_cluster.sandbox.id
  task_definition = aws_ecs_task_definition.debug.arn

  network_configuration {
    subnets          = ["subnet-0123456789abcdef0"]
    assign_public_ip = true
  }
}

resource "aws_ecr_repository" "shared" {
  name                 = "shared"
  image_tag_mutability = "IMMUTABLE"
  image_scanning_configuration {
    scan_on_push = true
  }
  encryption_configuration {
    encryption_type = "KMS"
  }
}

resource "aws_ecr_repository_policy" "shared" {
  repository = aws_ecr_repository.shared.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Everyone", Effect = "Allow", Principal = "*", Action = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"] }]
  })
}

resource "aws_efs_file_system" "shared" {
  encrypted = true
}

resource "aws_efs_backup_policy" "shared" {
  file_system_id = aws_efs_file_system.shared.id
  backup_policy {
    status = "ENABLED"
  }
}

resource "aws_efs_file_system_policy" "shared" {
  file_system_id = aws_efs_file_system.shared.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientRootAccess"], Resource = aws_efs_file_system.shared.arn }]
  })
}

resource "aws_efs_access_point" "everything" {
  file_system_id = aws_efs_file_system.shared.id
  root_directory {
    path = "/"
  }
}

# --- identity ----------------------------------------------------------------------------------

resource "aws_iam_policy" "sandbox_power" {
  name = "sandbox-power"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Data", Effect = "Allow", Action = "s3:*", Resource = "*" },
      { Sid = "AllButIam", Effect = "Allow", NotAction = ["iam:*", "organizations:*"], Resource = "*" },
      { Sid = "AllButProd", Effect = "Allow", Action = "ec2:RunInstances", NotResource = "arn:aws:ec2:*:*:instance/prod-*" },
      { Sid = "Pass", Effect = "Allow", Action = "iam:PassRole", Resource = "*" },
      { Sid = "SelfService", Effect = "Allow", Action = ["iam:AttachUserPolicy", "iam:CreatePolicyVersion"], Resource = "*" },
    ]
  })
}

resource "aws_iam_role" "partner" {
  name = "partner"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::444455556666:root" } }]
  })
}

resource "aws_iam_role_policy_attachment" "partner_shell" {
  role       = aws_iam_role.partner.name
  policy_arn = "arn:aws:iam::aws:policy/AWSCloudShellFullAccess"
}

resource "aws_iam_user" "intern" {
  name = "intern"
}

resource "aws_iam_user_login_profile" "intern" {
  user = aws_iam_user.intern.name
}

resource "aws_kms_key" "shared" {
  description                        = "shared"
  enable_key_rotation                = true
  rotation_period_in_days            = 730
  is_enabled                         = false
  bypass_policy_lockout_safety_check = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Root", Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "kms:*", Resource = "*" },
      { Sid = "Ops", Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:role/ops" }, Action = "kms:*", Resource = "*" },
    ]
  })
}

resource "aws_s3_bucket" "exchange" {
  bucket = "sandbox-exchange"
}

resource "aws_s3_bucket_policy" "exchange" {
  bucket = aws_s3_bucket.exchange.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Partner", Effect = "Allow", Principal = { AWS = "arn:aws:iam::444455556666:root" }, Action = "s3:*", Resource = ["arn:aws:s3:::sandbox-exchange", "arn:aws:s3:::sandbox-exchange/*"] }]
  })
}

resource "aws_secretsmanager_secret" "token" {
  name       = "sandbox/token"
  kms_key_id = aws_kms_key.shared.arn
}

resource "aws_secretsmanager_secret_rotation" "token" {
  secret_id           = aws_secretsmanager_secret.token.id
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:111122223333:function:rotate"
  rotation_rules {
    automatically_after_days = 180
  }
}

resource "aws_secretsmanager_secret_policy" "token" {
  secret_arn = aws_secretsmanager_secret.token.arn
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "secretsmanager:GetSecretValue", Resource = "*" }]
  })
}

# --- data --------------------------------------------------------------------------------------

resource "aws_redshift_parameter_group" "lax" {
  name   = "lax"
  family = "redshift-2.0"
  parameter {
    name  = "require_ssl"
    value = "false"
  }
}

resource "aws_redshift_cluster" "pinned" {
  cluster_identifier                  = "pinned"
  node_type                           = "ra3.xlplus"
  master_username                     = "analyst"
  manage_master_password              = true
  encrypted                           = true
  enhanced_vpc_routing                = true
  automated_snapshot_retention_period = 7
  allow_version_upgrade               = false
  cluster_parameter_group_name        = aws_redshift_parameter_group.lax.name
  logging {
    enable               = true
    log_destination_type = "cloudwatch"
    log_exports          = ["connectionlog", "userlog", "useractivitylog"]
  }
}

resource "aws_db_proxy" "plain" {
  name           = "plain"
  engine_family  = "POSTGRESQL"
  role_arn       = "arn:aws:iam::111122223333:role/proxy"
  vpc_subnet_ids = ["subnet-0123456789abcdef0"]
  auth {
    auth_scheme = "SECRETS"
    secret_arn  = aws_secretsmanager_secret.token.arn
  }
}

resource "aws_elasticache_replication_group" "noauth" {
  replication_group_id       = "noauth"
  description                = "no auth"
  engine                     = "valkey"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  automatic_failover_enabled = true
  transit_encryption_enabled = true
  snapshot_retention_limit   = 1
  auto_minor_version_upgrade = false
}

resource "aws_opensearch_domain" "anonymous" {
  domain_name = "anonymous"
  vpc_options {
    subnet_ids = ["subnet-0123456789abcdef0"]
  }
  encrypt_at_rest {
    enabled = true
  }
  node_to_node_encryption {
    enabled = true
  }
  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"
  }
  advanced_security_options {
    enabled                = true
    anonymous_auth_enabled = true
  }
  log_publishing_options {
    log_type                 = "AUDIT_LOGS"
    cloudwatch_log_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:search-audit"
  }
  log_publishing_options {
    log_type                 = "ES_APPLICATION_LOGS"
    cloudwatch_log_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:search-errors"
  }
}

resource "aws_dax_cluster" "cache" {
  cluster_name       = "cache"
  iam_role_arn       = "arn:aws:iam::111122223333:role/dax"
  node_type          = "dax.t3.small"
  replication_factor = 1
}

resource "aws_backup_plan" "short" {
  name = "short"
  rule {
    rule_name         = "hourly"
    target_vault_name = "sandbox"
    schedule          = "cron(0 * * * ? *)"
    lifecycle {
      delete_after = 3
    }
  }
}

# --- APIs --------------------------------------------------------------------------------------

resource "aws_api_gateway_stage" "cached" {
  rest_api_id           = "a1b2c3d4e5"
  deployment_id         = "dep123"
  stage_name            = "cached"
  cache_cluster_enabled = true
  cache_cluster_size    = "0.5"
  xray_tracing_enabled  = true

  access_log_settings {
    destination_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:api-access"
    format          = "$context.requestId"
  }
}

resource "aws_api_gateway_method_settings" "cached" {
  rest_api_id = "a1b2c3d4e5"
  stage_name  = aws_api_gateway_stage.cached.stage_name
  method_path = "*/*"
  settings {
    logging_level      = "INFO"
    caching_enabled    = true
    data_trace_enabled = true
  }
}

resource "aws_wafv2_web_acl_association" "cached" {
  resource_arn = aws_api_gateway_stage.cached.arn
  web_acl_arn  = "arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/sandbox/0123"
}

resource "aws_apigatewayv2_api" "hooks" {
  name          = "hooks"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_stage" "hooks" {
  api_id      = aws_apigatewayv2_api.hooks.id
  name        = "$default"
  auto_deploy = true
}

resource "aws_apigatewayv2_route" "hooks" {
  api_id    = aws_apigatewayv2_api.hooks.id
  route_key = "POST /hooks"
}

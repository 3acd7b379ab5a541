# The application's data stores, private and encrypted with the data key: Aurora PostgreSQL
# behind RDS Proxy, DynamoDB, ElastiCache (Valkey), OpenSearch, Redshift and EFS, all backed up
# by AWS Backup into a locked vault.
variable "name" {
  type = string
}

variable "data_kms_key_arn" {
  type = string
}

variable "logs_kms_key_arn" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "security_group_id" {
  type = string
}

variable "access_logs_bucket" {
  type = string
}

variable "instance_count" {
  type    = number
  default = 2
}

variable "cache_auth_token" {
  description = "Supplied by the pipeline from Secrets Manager."
  type        = string
  sensitive   = true
}

variable "tags" {
  type    = map(string)
  default = {}
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

# --- Aurora PostgreSQL -----------------------------------------------------------------------

resource "aws_db_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids
  tags       = var.tags
}

resource "aws_rds_cluster_parameter_group" "this" {
  name   = "${var.name}-aurora-pg16"
  family = "aurora-postgresql16"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  parameter {
    name  = "log_connections"
    value = "1"
  }
}

resource "aws_rds_cluster" "this" {
  cluster_identifier                  = var.name
  engine                              = "aurora-postgresql"
  engine_version                      = "16.4"
  database_name                       = "orders"
  master_username                     = "orders_owner"
  manage_master_user_password         = true
  master_user_secret_kms_key_id       = var.data_kms_key_arn
  storage_encrypted                   = true
  kms_key_id                          = var.data_kms_key_arn
  iam_database_authentication_enabled = true
  backup_retention_period             = 14
  preferred_backup_window             = "02:00-03:00"
  deletion_protection                 = true
  copy_tags_to_snapshot               = true
  enabled_cloudwatch_logs_exports     = ["postgresql"]
  db_subnet_group_name                = aws_db_subnet_group.this.name
  vpc_security_group_ids              = [var.security_group_id]
  db_cluster_parameter_group_name     = aws_rds_cluster_parameter_group.this.name
  final_snapshot_identifier           = "${var.name}-final"
  tags                                = var.tags
}

resource "aws_rds_cluster_instance" "this" {
  count = var.instance_count

  identifier                            = "${var.name}-${count.index}"
  cluster_identifier                    = aws_rds_cluster.this.id
  engine                                = aws_rds_cluster.this.engine
  engine_version                        = aws_rds_cluster.this.engine_version
  instance_class                        = "db.r6g.large"
  db_subnet_group_name                  = aws_db_subnet_group.this.name
  publicly_accessible                   = false
  auto_minor_version_upgrade            = true
  ca_cert_identifier                    = "rds-ca-rsa2048-g1"
  performance_insights_enabled          = true
  performance_insights_kms_key_id       = var.data_kms_key_arn
  performance_insights_retention_period = 7
  tags                                  = var.tags
}

data "aws_iam_policy_document" "proxy_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["rds.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "proxy_secrets" {
  statement {
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_rds_cluster.this.master_user_secret[0].secret_arn]
  }
  statement {
    actions   = ["kms:Decrypt"]
    resources = [var.data_kms_key_arn]
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["secretsmanager.${data.aws_region.current.name}.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "proxy" {
  name               = "${var.name}-rds-proxy"
  assume_role_policy = data.aws_iam_policy_document.proxy_trust.json
  tags               = var.tags
}

resource "aws_iam_role_policy" "proxy" {
  name   = "read-master-secret"
  role   = aws_iam_role.proxy.id
  policy = data.aws_iam_policy_document.proxy_secrets.json
}

resource "aws_db_proxy" "this" {
  name                   = var.name
  engine_family          = "POSTGRESQL"
  require_tls            = true
  role_arn               = aws_iam_role.proxy.arn
  vpc_subnet_ids         = var.subnet_ids
  vpc_security_group_ids = [var.security_group_id]

  auth {
    auth_scheme = "SECRETS"
    iam_auth    = "REQUIRED"
    secret_arn  = aws_rds_cluster.this.master_user_secret[0].secret_arn
  }

  tags = var.tags
}

# --- DynamoDB ----------------------------------------------------------------------------------

resource "aws_dynamodb_table" "sessions" {
  name                        = "${var.name}-sessions"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "pk"
  range_key                   = "sk"
  deletion_protection_enabled = true

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "S"
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.data_kms_key_arn
  }

  point_in_time_recovery {
    enabled = true
  }

  ttl {
    attribute_name = "expires_at"
    enabled        = true
  }

  tags = var.tags
}

# --- ElastiCache (Valkey) ----------------------------------------------------------------------

resource "aws_elasticache_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids
}

resource "aws_cloudwatch_log_group" "cache" {
  name              = "/elasticache/${var.name}"
  retention_in_days = 90
  kms_key_id        = var.logs_kms_key_arn
  tags              = var.tags
}

resource "aws_elasticache_replication_group" "this" {
  replication_group_id       = var.name
  description                = "Session and rate-limit cache"
  engine                     = "valkey"
  engine_version             = "8.0"
  node_type                  = "cache.r7g.large"
  num_cache_clusters         = 2
  automatic_failover_enabled = true
  multi_az_enabled           = true
  at_rest_encryption_enabled = true
  kms_key_id                 = var.data_kms_key_arn
  transit_encryption_enabled = true
  transit_encryption_mode    = "required"
  auth_token                 = var.cache_auth_token
  auto_minor_version_upgrade = true
  snapshot_retention_limit   = 7
  snapshot_window            = "03:00-04:00"
  subnet_group_name          = aws_elasticache_subnet_group.this.name
  security_group_ids         = [var.security_group_id]

  log_delivery_configuration {
    destination      = aws_cloudwatch_log_group.cache.name
    destination_type = "cloudwatch-logs"
    log_format       = "json"
    log_type         = "engine-log"
  }

  tags = var.tags
}

# --- OpenSearch --------------------------------------------------------------------------------

resource "aws_cloudwatch_log_group" "search" {
  for_each = toset(["audit", "application", "slow-search"])

  name              = "/opensearch/${var.name}/${each.key}"
  retention_in_days = 365
  kms_key_id        = var.logs_kms_key_arn
  tags              = var.tags
}

data "aws_iam_policy_document" "search_logs" {
  statement {
    actions   = ["logs:PutLogEvents", "logs:CreateLogStream"]
    resources = [for group in aws_cloudwatch_log_group.search : "${group.arn}:*"]
    principals {
      type        = "Service"
      identifiers = ["es.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_cloudwatch_log_resource_policy" "search" {
  policy_name     = "${var.name}-opensearch"
  policy_document = data.aws_iam_policy_document.search_logs.json
}

resource "aws_opensearch_domain" "this" {
  domain_name    = var.name
  engine_version = "OpenSearch_2.17"

  cluster_config {
    instance_type          = "r6g.large.search"
    instance_count         = 3
    zone_awareness_enabled = true
    zone_awareness_config {
      availability_zone_count = 3
    }
  }

  ebs_options {
    ebs_enabled = true
    volume_size = 100
    volume_type = "gp3"
  }

  vpc_options {
    subnet_ids         = var.subnet_ids
    security_group_ids = [var.security_group_id]
  }

  encrypt_at_rest {
    enabled    = true
    kms_key_id = var.data_kms_key_arn
  }

  node_to_node_encryption {
    enabled = true
  }

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"
  }

  advanced_security_options {
    enabled                        = true
    anonymous_auth_enabled         = false
    internal_user_database_enabled = false
    master_user_options {
      master_user_arn = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/search-admin"
    }
  }

  log_publishing_options {
    log_type                 = "AUDIT_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.search["audit"].arn
  }

  log_publishing_options {
    log_type                 = "ES_APPLICATION_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.search["application"].arn
  }

  log_publishing_options {
    log_type                 = "SEARCH_SLOW_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.search["slow-search"].arn
  }

  software_update_options {
    auto_software_update_enabled = true
  }

  tags = var.tags
}

data "aws_iam_policy_document" "search_access" {
  statement {
    actions   = ["es:ESHttp*"]
    resources = ["${aws_opensearch_domain.this.arn}/*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/orders-service"]
    }
  }
}

resource "aws_opensearch_domain_policy" "this" {
  domain_name     = aws_opensearch_domain.this.domain_name
  access_policies = data.aws_iam_policy_document.search_access.json
}

# --- Redshift ----------------------------------------------------------------------------------

resource "aws_redshift_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids
}

resource "aws_redshift_parameter_group" "this" {
  name   = "${var.name}-redshift"
  family = "redshift-2.0"

  parameter {
    name  = "require_ssl"
    value = "true"
  }

  parameter {
    name  = "enable_user_activity_logging"
    value = "true"
  }
}

resource "aws_redshift_cluster" "this" {
  cluster_identifier                  = "${var.name}-analytics"
  node_type                           = "ra3.xlplus"
  cluster_type                        = "multi-node"
  number_of_nodes                     = 2
  database_name                       = "analytics"
  master_username                     = "analytics_owner"
  manage_master_password              = true
  encrypted                           = true
  kms_key_id                          = var.data_kms_key_arn
  publicly_accessible                 = false
  enhanced_vpc_routing                = true
  automated_snapshot_retention_period = 14
  allow_version_upgrade               = true
  cluster_parameter_group_name        = aws_redshift_parameter_group.this.name
  cluster_subnet_group_name           = aws_redshift_subnet_group.this.name
  vpc_security_group_ids              = [var.security_group_id]
  skip_final_snapshot                 = false
  final_snapshot_identifier           = "${var.name}-analytics-final"
  tags                                = var.tags
}

resource "aws_redshift_logging" "this" {
  cluster_identifier   = aws_redshift_cluster.this.id
  log_destination_type = "cloudwatch"
  log_exports          = ["connectionlog", "userlog", "useractivitylog"]
}

# --- EFS ---------------------------------------------------------------------------------------

resource "aws_efs_file_system" "shared" {
  creation_token   = "${var.name}-shared"
  encrypted        = true
  kms_key_id       = var.data_kms_key_arn
  performance_mode = "generalPurpose"
  throughput_mode  = "elastic"

  lifecycle_policy {
    transition_to_ia = "AFTER_30_DAYS"
  }

  tags = var.tags
}

# Backed up by the AWS Backup plan below (selection by ARN), not by the EFS default plan.

data "aws_iam_policy_document" "shared_fs" {
  statement {
    sid     = "TasksMountOverTls"
    actions = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/orders-service"]
    }
    resources = [aws_efs_file_system.shared.arn]
    condition {
      test     = "Bool"
      variable = "elasticfilesystem:AccessedViaMountTarget"
      values   = ["true"]
    }
  }

  statement {
    sid     = "DenyWithoutTls"
    effect  = "Deny"
    actions = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    resources = [aws_efs_file_system.shared.arn]
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_efs_file_system_policy" "shared" {
  file_system_id = aws_efs_file_system.shared.id
  policy         = data.aws_iam_policy_document.shared_fs.json
}

resource "aws_efs_mount_target" "shared" {
  count = length(var.subnet_ids)

  file_system_id  = aws_efs_file_system.shared.id
  subnet_id       = var.subnet_ids[count.index]
  security_groups = [var.security_group_id]
}

resource "aws_efs_access_point" "uploads" {
  file_system_id = aws_efs_file_system.shared.id

  posix_user {
    uid = 1000
    gid = 1000
  }

  root_directory {
    path = "/uploads"
    creation_info {
      owner_uid   = 1000
      owner_gid   = 1000
      permissions = "0750"
    }
  }

  tags = var.tags
}

# --- AWS Backup --------------------------------------------------------------------------------

resource "aws_backup_vault" "this" {
  name        = "${var.name}-vault"
  kms_key_arn = var.data_kms_key_arn
  tags        = var.tags
}

resource "aws_backup_vault_lock_configuration" "this" {
  backup_vault_name   = aws_backup_vault.this.name
  min_retention_days  = 7
  max_retention_days  = 365
  changeable_for_days = 3
}

resource "aws_backup_plan" "this" {
  name = "${var.name}-daily"

  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.this.name
    schedule          = "cron(0 3 * * ? *)"

    lifecycle {
      delete_after = 35
    }
  }

  rule {
    rule_name         = "monthly"
    target_vault_name = aws_backup_vault.this.name
    schedule          = "cron(0 4 1 * ? *)"

    lifecycle {
      cold_storage_after = 30
      delete_after       = 365
    }
  }

  tags = var.tags
}

data "aws_iam_policy_document" "backup_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["backup.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "backup" {
  name               = "${var.name}-backup"
  assume_role_policy = data.aws_iam_policy_document.backup_trust.json
  tags               = var.tags
}

resource "aws_iam_role_policy_attachment" "backup" {
  for_each = toset([
    "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
    "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
  ])

  role       = aws_iam_role.backup.name
  policy_arn = each.value
}

resource "aws_backup_selection" "this" {
  name         = "${var.name}-data"
  plan_id      = aws_backup_plan.this.id
  iam_role_arn = aws_iam_role.backup.arn
  resources = [
    aws_rds_cluster.this.arn,
    aws_dynamodb_table.sessions.arn,
    aws_efs_file_system.shared.arn,
  ]
}

output "db_proxy_endpoint" {
  value = aws_db_proxy.this.endpoint
}

output "efs_id" {
  value = aws_efs_file_system.shared.id
}

output "efs_access_point_id" {
  value = aws_efs_access_point.uploads.id
}

# --- MySQL for the legacy CMS --------------------------------------------------------------------

resource "aws_db_parameter_group" "cms" {
  name   = "${var.name}-cms-mysql80"
  family = "mysql8.0"

  parameter {
    name  = "require_secure_transport"
    value = "ON"
  }
}

resource "aws_db_instance" "cms" {
  identifier                          = "${var.name}-cms"
  engine                              = "mysql"
  engine_version                      = "8.0.39"
  instance_class                      = "db.t4g.medium"
  allocated_storage                   = 50
  max_allocated_storage               = 200
  storage_type                        = "gp3"
  storage_encrypted                   = true
  kms_key_id                          = var.data_kms_key_arn
  db_name                             = "cms"
  username                            = "cms_owner"
  manage_master_user_password         = true
  iam_database_authentication_enabled = true
  multi_az                            = true
  publicly_accessible                 = false
  db_subnet_group_name                = aws_db_subnet_group.this.name
  vpc_security_group_ids              = [var.security_group_id]
  parameter_group_name                = aws_db_parameter_group.cms.name
  backup_retention_period             = 7
  deletion_protection                 = true
  auto_minor_version_upgrade          = true
  ca_cert_identifier                  = "rds-ca-ecc384-g1"
  enabled_cloudwatch_logs_exports     = ["audit", "error", "slowquery"]
  copy_tags_to_snapshot               = true
  final_snapshot_identifier           = "${var.name}-cms-final"
  tags                                = var.tags
}

# Snapshot taken before the major version upgrade, shared with the disaster-recovery account only.
variable "dr_account_id" {
  type    = string
  default = "222233334444"
}

resource "aws_db_cluster_snapshot" "pre_upgrade" {
  db_cluster_identifier          = aws_rds_cluster.this.id
  db_cluster_snapshot_identifier = "${var.name}-pre-pg17"
  shared_accounts                = [var.dr_account_id]
  tags                           = var.tags
}

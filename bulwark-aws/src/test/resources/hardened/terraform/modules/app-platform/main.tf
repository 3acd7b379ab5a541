# The orders application: an internet-facing ALB behind AWS WAF, CloudFront for static assets,
# ECS on Fargate, an EKS cluster for batch jobs, Lambda behind API Gateway (REST and HTTP APIs),
# SNS and SQS for events, and a rotated Secrets Manager secret for a partner API key.
variable "name" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "public_subnet_ids" {
  type = list(string)
}

variable "private_subnet_ids" {
  type = list(string)
}

variable "alb_security_group_id" {
  type = string
}

variable "app_security_group_id" {
  type = string
}

variable "certificate_arn" {
  type = string
}

variable "cloudfront_certificate_arn" {
  description = "Certificate in us-east-1 for the CloudFront alias."
  type        = string
}

variable "cloudfront_web_acl_arn" {
  description = "Global (CLOUDFRONT scope) web ACL, created in us-east-1."
  type        = string
}

variable "static_bucket_regional_domain_name" {
  type = string
}

variable "access_logs_bucket" {
  type = string
}

variable "access_logs_bucket_arn" {
  type = string
}

variable "app_kms_key_arn" {
  type = string
}

variable "logs_kms_key_arn" {
  type = string
}

variable "efs_id" {
  type = string
}

variable "efs_access_point_id" {
  type = string
}

variable "user_pool_arn" {
  type = string
}

variable "jwt_issuer" {
  type = string
}

variable "admin_cidrs" {
  description = "Office egress ranges allowed to reach the EKS API endpoint."
  type        = list(string)
}

variable "organization_id" {
  type = string
}

variable "rotation_lambda_arn" {
  type = string
}

variable "image_tag" {
  type = string
}

variable "tags" {
  type    = map(string)
  default = {}
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.name
}

# --- AWS WAF (regional) ------------------------------------------------------------------------

resource "aws_wafv2_web_acl" "regional" {
  name  = "${var.name}-regional"
  scope = "REGIONAL"

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

  rule {
    name     = "aws-known-bad-inputs"
    priority = 2
    override_action {
      none {}
    }
    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesKnownBadInputsRuleSet"
      }
    }
    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "aws-known-bad-inputs"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "${var.name}-regional"
    sampled_requests_enabled   = true
  }

  tags = var.tags
}

# --- Application Load Balancer -----------------------------------------------------------------

resource "aws_lb" "public" {
  name                       = "${var.name}-public"
  load_balancer_type         = "application"
  internal                   = false
  security_groups            = [var.alb_security_group_id]
  subnets                    = var.public_subnet_ids
  drop_invalid_header_fields = true
  enable_deletion_protection = true
  desync_mitigation_mode     = "strictest"

  access_logs {
    enabled = true
    bucket  = var.access_logs_bucket
    prefix  = "alb"
  }

  tags = var.tags
}

resource "aws_wafv2_web_acl_association" "alb" {
  resource_arn = aws_lb.public.arn
  web_acl_arn  = aws_wafv2_web_acl.regional.arn
}

resource "aws_lb_target_group" "app" {
  name        = "${var.name}-app"
  port        = 8080
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = var.vpc_id

  health_check {
    path     = "/health"
    protocol = "HTTP"
  }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.public.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.public.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

# --- CloudFront --------------------------------------------------------------------------------

resource "aws_cloudfront_origin_access_control" "static" {
  name                              = "${var.name}-static"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

resource "aws_cloudfront_distribution" "site" {
  enabled             = true
  is_ipv6_enabled     = true
  comment             = "${var.name} storefront"
  aliases             = ["shop.example.com"]
  default_root_object = "index.html"
  web_acl_id          = var.cloudfront_web_acl_arn
  price_class         = "PriceClass_100"

  origin {
    origin_id                = "static"
    domain_name              = var.static_bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.static.id
    s3_origin_config {
      origin_access_identity = ""
    }
  }

  origin {
    origin_id   = "api"
    domain_name = aws_lb.public.dns_name
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id       = "static"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
    compress               = true
  }

  ordered_cache_behavior {
    path_pattern             = "/api/*"
    target_origin_id         = "api"
    viewer_protocol_policy   = "https-only"
    allowed_methods          = ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"]
    cached_methods           = ["GET", "HEAD"]
    cache_policy_id          = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
    origin_request_policy_id = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn      = var.cloudfront_certificate_arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }

  tags = var.tags
}

# Standard logging v2: CloudFront access logs delivered to the log archive through CloudWatch
# Logs vended delivery (no bucket ACLs needed).
resource "aws_cloudwatch_log_delivery_source" "site" {
  name         = "${var.name}-cloudfront"
  log_type     = "ACCESS_LOGS"
  resource_arn = aws_cloudfront_distribution.site.arn
}

resource "aws_cloudwatch_log_delivery_destination" "site" {
  name          = "${var.name}-cloudfront-s3"
  output_format = "parquet"

  delivery_destination_configuration {
    destination_resource_arn = "${var.access_logs_bucket_arn}/cloudfront"
  }
}

resource "aws_cloudwatch_log_delivery" "site" {
  delivery_source_name     = aws_cloudwatch_log_delivery_source.site.name
  delivery_destination_arn = aws_cloudwatch_log_delivery_destination.site.arn
}

# --- ECR ---------------------------------------------------------------------------------------

resource "aws_ecr_repository" "orders" {
  name                 = "${var.name}/orders"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = var.app_kms_key_arn
  }

  tags = var.tags
}

data "aws_iam_policy_document" "orders_repository" {
  statement {
    sid     = "PullFromOrganization"
    actions = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = [var.organization_id]
    }
  }
}

resource "aws_ecr_repository_policy" "orders" {
  repository = aws_ecr_repository.orders.name
  policy     = data.aws_iam_policy_document.orders_repository.json
}

resource "aws_ecr_lifecycle_policy" "orders" {
  repository = aws_ecr_repository.orders.name
  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "Keep the last 50 images"
      selection = {
        tagStatus   = "any"
        countType   = "imageCountMoreThan"
        countNumber = 50
      }
      action = { type = "expire" }
    }]
  })
}

# --- ECS on Fargate ----------------------------------------------------------------------------

resource "aws_ecs_cluster" "this" {
  name = var.name

  setting {
    name  = "containerInsights"
    value = "enhanced"
  }

  tags = var.tags
}

resource "aws_cloudwatch_log_group" "orders" {
  name              = "/ecs/${var.name}/orders"
  retention_in_days = 90
  kms_key_id        = var.logs_kms_key_arn
  tags              = var.tags
}

data "aws_iam_policy_document" "ecs_tasks_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:aws:ecs:${local.region}:${local.account_id}:*"]
    }
  }
}

resource "aws_iam_role" "orders_execution" {
  name               = "${var.name}-orders-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_trust.json
  tags               = var.tags
}

resource "aws_iam_role_policy_attachment" "orders_execution" {
  role       = aws_iam_role.orders_execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

resource "aws_iam_role" "orders_task" {
  name               = "orders-service"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_trust.json
  tags               = var.tags
}

data "aws_iam_policy_document" "orders_task" {
  statement {
    sid       = "ReadPartnerKey"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.partner_api_key.arn]
  }

  statement {
    sid       = "PublishOrderEvents"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.order_events.arn]
  }

  statement {
    sid       = "UseAppKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [var.app_kms_key_arn]
  }

  statement {
    sid       = "MountUploads"
    actions   = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
    resources = ["arn:aws:elasticfilesystem:${local.region}:${local.account_id}:file-system/${var.efs_id}"]
  }
}

resource "aws_iam_role_policy" "orders_task" {
  name   = "orders"
  role   = aws_iam_role.orders_task.id
  policy = data.aws_iam_policy_document.orders_task.json
}

resource "aws_ecs_task_definition" "orders" {
  family                   = "${var.name}-orders"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "512"
  memory                   = "1024"
  execution_role_arn       = aws_iam_role.orders_execution.arn
  task_role_arn            = aws_iam_role.orders_task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "ARM64"
  }

  container_definitions = jsonencode([
    {
      name                   = "orders"
      image                  = "${aws_ecr_repository.orders.repository_url}:${var.image_tag}"
      essential              = true
      user                   = "10001:10001"
      readonlyRootFilesystem = true
      privileged             = false
      portMappings           = [{ containerPort = 8080, protocol = "tcp" }]
      environment = [
        { name = "PARTNER_API_KEY_SECRET_ARN", value = aws_secretsmanager_secret.partner_api_key.arn },
        { name = "LOG_LEVEL", value = "info" },
        { name = "TOKEN_TTL_SECONDS", value = "900" },
      ]
      secrets = [
        { name = "PARTNER_API_KEY", valueFrom = aws_secretsmanager_secret.partner_api_key.arn },
      ]
      linuxParameters = {
        initProcessEnabled = true
        capabilities       = { drop = ["ALL"] }
      }
      mountPoints = [{ sourceVolume = "uploads", containerPath = "/srv/uploads", readOnly = false }]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.orders.name
          awslogs-region        = local.region
          awslogs-stream-prefix = "orders"
        }
      }
    },
  ])

  volume {
    name = "uploads"
    efs_volume_configuration {
      file_system_id     = var.efs_id
      transit_encryption = "ENABLED"
      authorization_config {
        access_point_id = var.efs_access_point_id
        iam             = "ENABLED"
      }
    }
  }

  tags = var.tags
}

resource "aws_ecs_service" "orders" {
  name            = "orders"
  cluster         = aws_ecs_cluster.this.id
  task_definition = aws_ecs_task_definition.orders.arn
  launch_type     = "FARGATE"
  desired_count   = 3

  network_configuration {
    subnets          = var.private_subnet_ids
    security_groups  = [var.app_security_group_id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.app.arn
    container_name   = "orders"
    container_port   = 8080
  }

  tags = var.tags
}

# --- EKS ---------------------------------------------------------------------------------------

data "aws_iam_policy_document" "eks_trust" {
  statement {
    actions = ["sts:AssumeRole", "sts:TagSession"]
    principals {
      type        = "Service"
      identifiers = ["eks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "eks_cluster" {
  name               = "${var.name}-eks-cluster"
  assume_role_policy = data.aws_iam_policy_document.eks_trust.json
  tags               = var.tags
}

resource "aws_iam_role_policy_attachment" "eks_cluster" {
  role       = aws_iam_role.eks_cluster.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"
}

resource "aws_eks_cluster" "batch" {
  name     = "${var.name}-batch"
  role_arn = aws_iam_role.eks_cluster.arn
  version  = "1.33"

  vpc_config {
    subnet_ids              = var.private_subnet_ids
    endpoint_private_access = true
    endpoint_public_access  = true
    public_access_cidrs     = var.admin_cidrs
  }

  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = var.app_kms_key_arn
    }
  }

  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]

  access_config {
    authentication_mode                         = "API"
    bootstrap_cluster_creator_admin_permissions = false
  }

  tags = var.tags
}

data "aws_iam_policy_document" "eks_nodes_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "eks_nodes" {
  name               = "${var.name}-eks-nodes"
  assume_role_policy = data.aws_iam_policy_document.eks_nodes_trust.json
  tags               = var.tags
}

resource "aws_iam_role_policy_attachment" "eks_nodes" {
  for_each = toset([
    "arn:aws:iam::aws:policy/AmazonEKSWorkerNodeMinimalPolicy",
    "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
    "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
  ])

  role       = aws_iam_role.eks_nodes.name
  policy_arn = each.value
}

resource "aws_launch_template" "eks_nodes" {
  name_prefix            = "${var.name}-eks-"
  update_default_version = true
  vpc_security_group_ids = [var.app_security_group_id]

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
    instance_metadata_tags      = "disabled"
  }

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size           = 50
      volume_type           = "gp3"
      encrypted             = true
      kms_key_id            = var.app_kms_key_arn
      delete_on_termination = true
    }
  }

  monitoring {
    enabled = true
  }

  tag_specifications {
    resource_type = "instance"
    tags          = var.tags
  }
}

resource "aws_eks_node_group" "batch" {
  cluster_name    = aws_eks_cluster.batch.name
  node_group_name = "batch"
  node_role_arn   = aws_iam_role.eks_nodes.arn
  subnet_ids      = var.private_subnet_ids
  instance_types  = ["m7g.large"]
  ami_type        = "AL2023_ARM_64_STANDARD"

  launch_template {
    id      = aws_launch_template.eks_nodes.id
    version = aws_launch_template.eks_nodes.latest_version
  }

  scaling_config {
    desired_size = 2
    min_size     = 1
    max_size     = 6
  }

  tags = var.tags
}

# --- Lambda ------------------------------------------------------------------------------------

data "aws_iam_policy_document" "lambda_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "quote" {
  name               = "${var.name}-quote"
  assume_role_policy = data.aws_iam_policy_document.lambda_trust.json
  tags               = var.tags
}

resource "aws_iam_role_policy_attachment" "quote" {
  for_each = toset([
    "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
    "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess",
  ])

  role       = aws_iam_role.quote.name
  policy_arn = each.value
}

resource "aws_cloudwatch_log_group" "quote" {
  name              = "/aws/lambda/${var.name}-quote"
  retention_in_days = 90
  kms_key_id        = var.logs_kms_key_arn
  tags              = var.tags
}

resource "aws_lambda_function" "quote" {
  function_name = "${var.name}-quote"
  role          = aws_iam_role.quote.arn
  runtime       = "python3.13"
  architectures = ["arm64"]
  handler       = "quote.handler"
  s3_bucket     = "${var.name}-artifacts"
  s3_key        = "quote/${var.image_tag}.zip"
  timeout       = 10
  memory_size   = 256
  kms_key_arn   = var.app_kms_key_arn

  reserved_concurrent_executions = 50

  environment {
    variables = {
      PARTNER_API_KEY_SECRET_ARN = aws_secretsmanager_secret.partner_api_key.arn
      POWERTOOLS_SERVICE_NAME    = "quote"
      TABLE_NAME                 = "${var.name}-sessions"
      QUOTE_TOKEN_LIFETIME       = "3600"
      TOKEN_REFRESH_MINUTES      = "15"
    }
  }

  vpc_config {
    subnet_ids         = var.private_subnet_ids
    security_group_ids = [var.app_security_group_id]
  }

  tracing_config {
    mode = "Active"
  }

  logging_config {
    log_format = "JSON"
    log_group  = aws_cloudwatch_log_group.quote.name
  }

  tags = var.tags
}

resource "aws_lambda_function_url" "quote" {
  function_name      = aws_lambda_function.quote.function_name
  authorization_type = "AWS_IAM"
}

resource "aws_lambda_permission" "rest_api" {
  statement_id  = "AllowRestApi"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.quote.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_api_gateway_rest_api.orders.execution_arn}/*/*"
}

resource "aws_lambda_permission" "http_api" {
  statement_id  = "AllowHttpApi"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.quote.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.orders.execution_arn}/*/*"
}

# --- API Gateway: REST API -----------------------------------------------------------------------

resource "aws_cloudwatch_log_group" "api_access" {
  for_each = toset(["rest", "http"])

  name              = "/apigateway/${var.name}/${each.key}"
  retention_in_days = 365
  kms_key_id        = var.logs_kms_key_arn
  tags              = var.tags
}

resource "aws_api_gateway_rest_api" "orders" {
  name = "${var.name}-orders"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
  tags = var.tags
}

resource "aws_api_gateway_authorizer" "cognito" {
  name          = "cognito"
  rest_api_id   = aws_api_gateway_rest_api.orders.id
  type          = "COGNITO_USER_POOLS"
  provider_arns = [var.user_pool_arn]
}

resource "aws_api_gateway_resource" "quotes" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
  parent_id   = aws_api_gateway_rest_api.orders.root_resource_id
  path_part   = "quotes"
}

resource "aws_api_gateway_method" "quotes_get" {
  rest_api_id   = aws_api_gateway_rest_api.orders.id
  resource_id   = aws_api_gateway_resource.quotes.id
  http_method   = "GET"
  authorization = "COGNITO_USER_POOLS"
  authorizer_id = aws_api_gateway_authorizer.cognito.id
}

resource "aws_api_gateway_method" "quotes_options" {
  rest_api_id   = aws_api_gateway_rest_api.orders.id
  resource_id   = aws_api_gateway_resource.quotes.id
  http_method   = "OPTIONS"
  authorization = "NONE"
}

resource "aws_api_gateway_integration" "quotes_get" {
  rest_api_id             = aws_api_gateway_rest_api.orders.id
  resource_id             = aws_api_gateway_resource.quotes.id
  http_method             = aws_api_gateway_method.quotes_get.http_method
  type                    = "AWS_PROXY"
  integration_http_method = "POST"
  uri                     = aws_lambda_function.quote.invoke_arn
}

resource "aws_api_gateway_deployment" "orders" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
  triggers = {
    redeployment = sha1(jsonencode([aws_api_gateway_method.quotes_get.id, aws_api_gateway_integration.quotes_get.id]))
  }
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_api_gateway_stage" "prod" {
  rest_api_id          = aws_api_gateway_rest_api.orders.id
  deployment_id        = aws_api_gateway_deployment.orders.id
  stage_name           = "prod"
  xray_tracing_enabled = true

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access["rest"].arn
    format = jsonencode({
      requestId = "$context.requestId", ip = "$context.identity.sourceIp", caller = "$context.identity.caller",
      user = "$context.identity.user", requestTime = "$context.requestTime", httpMethod = "$context.httpMethod",
      resourcePath = "$context.resourcePath", status = "$context.status", protocol = "$context.protocol",
      responseLength = "$context.responseLength"
    })
  }

  tags = var.tags
}

resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
  stage_name  = aws_api_gateway_stage.prod.stage_name
  method_path = "*/*"

  settings {
    logging_level          = "ERROR"
    metrics_enabled        = true
    data_trace_enabled     = false
    throttling_burst_limit = 200
    throttling_rate_limit  = 100
  }
}

resource "aws_wafv2_web_acl_association" "rest_api" {
  resource_arn = aws_api_gateway_stage.prod.arn
  web_acl_arn  = aws_wafv2_web_acl.regional.arn
}

resource "aws_api_gateway_domain_name" "api" {
  domain_name              = "api.shop.example.com"
  regional_certificate_arn = var.certificate_arn
  security_policy          = "TLS_1_2"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

# --- API Gateway: HTTP API ---------------------------------------------------------------------

resource "aws_apigatewayv2_api" "orders" {
  name          = "${var.name}-orders-http"
  protocol_type = "HTTP"
  tags          = var.tags
}

resource "aws_apigatewayv2_authorizer" "jwt" {
  api_id           = aws_apigatewayv2_api.orders.id
  name             = "cognito"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]
  jwt_configuration {
    issuer   = var.jwt_issuer
    audience = ["orders"]
  }
}

resource "aws_apigatewayv2_integration" "quote" {
  api_id                 = aws_apigatewayv2_api.orders.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.quote.invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_route" "quotes" {
  for_each = toset(["GET /quotes", "POST /quotes"])

  api_id             = aws_apigatewayv2_api.orders.id
  route_key          = each.key
  authorization_type = "JWT"
  authorizer_id      = aws_apigatewayv2_authorizer.jwt.id
  target             = "integrations/${aws_apigatewayv2_integration.quote.id}"
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.orders.id
  name        = "$default"
  auto_deploy = true

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access["http"].arn
    format = jsonencode({
      requestId = "$context.requestId", ip = "$context.identity.sourceIp", requestTime = "$context.requestTime",
      routeKey = "$context.routeKey", status = "$context.status", protocol = "$context.protocol",
      responseLength = "$context.responseLength", authorizerError = "$context.authorizer.error"
    })
  }

  default_route_settings {
    throttling_burst_limit = 200
    throttling_rate_limit  = 100
  }

  tags = var.tags
}

# --- events: SNS and SQS -----------------------------------------------------------------------

resource "aws_sns_topic" "order_events" {
  name              = "${var.name}-order-events"
  kms_master_key_id = var.app_kms_key_arn
  tags              = var.tags
}

data "aws_iam_policy_document" "order_events" {
  statement {
    sid       = "PublishFromThisAccount"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.order_events.arn]
    principals {
      type        = "AWS"
      identifiers = [aws_iam_role.orders_task.arn]
    }
  }

  statement {
    sid       = "SubscribeWithinOrganization"
    actions   = ["sns:Subscribe"]
    resources = [aws_sns_topic.order_events.arn]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = [var.organization_id]
    }
  }
}

resource "aws_sns_topic_policy" "order_events" {
  arn    = aws_sns_topic.order_events.arn
  policy = data.aws_iam_policy_document.order_events.json
}

resource "aws_sqs_queue" "fulfilment_dlq" {
  name                      = "${var.name}-fulfilment-dlq"
  kms_master_key_id         = var.app_kms_key_arn
  message_retention_seconds = 1209600
  tags                      = var.tags
}

resource "aws_sqs_queue" "fulfilment" {
  name                       = "${var.name}-fulfilment"
  kms_master_key_id          = var.app_kms_key_arn
  visibility_timeout_seconds = 60
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.fulfilment_dlq.arn
    maxReceiveCount     = 5
  })
  tags = var.tags
}

data "aws_iam_policy_document" "fulfilment" {
  statement {
    sid       = "FromOrderEvents"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.fulfilment.arn]
    principals {
      type        = "Service"
      identifiers = ["sns.amazonaws.com"]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_sns_topic.order_events.arn]
    }
  }
}

resource "aws_sqs_queue_policy" "fulfilment" {
  queue_url = aws_sqs_queue.fulfilment.id
  policy    = data.aws_iam_policy_document.fulfilment.json
}

resource "aws_sns_topic_subscription" "fulfilment" {
  topic_arn            = aws_sns_topic.order_events.arn
  protocol             = "sqs"
  endpoint             = aws_sqs_queue.fulfilment.arn
  raw_message_delivery = true
}

# --- Secrets Manager ---------------------------------------------------------------------------

resource "aws_secretsmanager_secret" "partner_api_key" {
  name       = "${var.name}/partner-api-key"
  kms_key_id = var.app_kms_key_arn
  tags       = var.tags
}

resource "aws_secretsmanager_secret_rotation" "partner_api_key" {
  secret_id           = aws_secretsmanager_secret.partner_api_key.id
  rotation_lambda_arn = var.rotation_lambda_arn
  rotation_rules {
    automatically_after_days = 30
  }
}

data "aws_iam_policy_document" "partner_api_key" {
  statement {
    sid       = "OnlyTheServices"
    effect    = "Deny"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringNotEquals"
      variable = "aws:PrincipalArn"
      values   = [aws_iam_role.orders_task.arn, aws_iam_role.quote.arn]
    }
  }
}

resource "aws_secretsmanager_secret_policy" "partner_api_key" {
  secret_arn          = aws_secretsmanager_secret.partner_api_key.arn
  policy              = data.aws_iam_policy_document.partner_api_key.json
  block_public_policy = true
}

output "cloudfront_distribution_arn" {
  value = aws_cloudfront_distribution.site.arn
}

# --- operations host (Session Manager only, no SSH) ------------------------------------------------

variable "ops_ami_id" {
  description = "Hardened AMI built by the image pipeline."
  type        = string
  default     = "ami-0a1b2c3d4e5f67890"
}

resource "aws_iam_role" "ops" {
  name               = "${var.name}-ops-host"
  assume_role_policy = data.aws_iam_policy_document.eks_nodes_trust.json
  tags               = var.tags
}

resource "aws_iam_role_policy_attachment" "ops" {
  role       = aws_iam_role.ops.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "ops" {
  name = "${var.name}-ops-host"
  role = aws_iam_role.ops.name
}

resource "aws_instance" "ops" {
  ami                    = var.ops_ami_id
  instance_type          = "t4g.small"
  subnet_id              = var.private_subnet_ids[0]
  vpc_security_group_ids = [var.app_security_group_id]
  iam_instance_profile   = aws_iam_instance_profile.ops.name
  monitoring             = true
  ebs_optimized          = true

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  root_block_device {
    volume_type = "gp3"
    volume_size = 30
    encrypted   = true
    kms_key_id  = var.app_kms_key_arn
  }

  ebs_block_device {
    device_name = "/dev/sdf"
    volume_type = "gp3"
    volume_size = 100
    encrypted   = true
    kms_key_id  = var.app_kms_key_arn
  }

  user_data = <<-SCRIPT
    #!/bin/bash
    set -euo pipefail
    # Credentials come from Parameter Store at boot; nothing secret is baked into user data.
    export DB_PASSWORD="$(aws ssm get-parameter --name /orders/cms/db-password --with-decryption --query Parameter.Value --output text)"
    sed -i 's/^#\?PasswordAuthentication .*/PasswordAuthentication no/' /etc/ssh/sshd_config
    systemctl disable --now sshd
  SCRIPT

  tags = merge(var.tags, { Name = "${var.name}-ops" })
}

resource "aws_ebs_volume" "ops_scratch" {
  availability_zone = "eu-west-1a"
  size              = 200
  type              = "gp3"
  encrypted         = true
  kms_key_id        = var.app_kms_key_arn
  tags              = merge(var.tags, { Name = "${var.name}-ops-scratch" })
}

resource "aws_volume_attachment" "ops_scratch" {
  device_name = "/dev/sdg"
  volume_id   = aws_ebs_volume.ops_scratch.id
  instance_id = aws_instance.ops.id
}

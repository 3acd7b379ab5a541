variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "environment" {
  type = string
}

variable "security_email" {
  type = string
}

variable "admin_cidrs" {
  type = list(string)
}

variable "organization_id" {
  type = string
}

variable "certificate_arn" {
  type = string
}

variable "cloudfront_certificate_arn" {
  type = string
}

variable "user_pool_arn" {
  type = string
}

variable "jwt_issuer" {
  type = string
}

variable "rotation_lambda_arn" {
  type = string
}

variable "image_tag" {
  description = "Set by the deployment pipeline."
  type        = string
}

variable "database_instances" {
  type    = number
  default = 2
}

variable "break_glass_users" {
  type    = list(string)
  default = []
}

variable "cache_auth_token" {
  description = "Supplied by the pipeline (TF_VAR_cache_auth_token) from Secrets Manager."
  type        = string
  sensitive   = true
}

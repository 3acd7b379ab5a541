variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "environment" {
  type = string
}

variable "admin_cidrs" {
  type        = list(string)
  description = "Networks allowed to reach the bastion over SSH."
}

variable "backup_days" {
  type    = number
  default = 7
}

variable "buckets" {
  type = map(object({
    versioning  = optional(bool, true)
    public_read = optional(bool, false)
  }))
}

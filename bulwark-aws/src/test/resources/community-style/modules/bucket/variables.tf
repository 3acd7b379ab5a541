variable "create_bucket" {
  description = "Whether to create anything at all."
  type        = bool
  default     = true
}

variable "bucket" {
  type    = string
  default = null
}

variable "acl" {
  type    = string
  default = null
}

variable "versioning" {
  description = "Map with enabled (bool) or status (string), and mfa_delete."
  type        = map(string)
  default     = {}
}

variable "server_side_encryption_configuration" {
  type    = any
  default = {}
}

variable "block_public_acls" {
  type    = bool
  default = true
}

variable "block_public_policy" {
  type    = bool
  default = true
}

variable "tags" {
  type    = map(string)
  default = {}
}

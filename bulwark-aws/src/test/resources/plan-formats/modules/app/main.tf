variable "name" {}

resource "aws_sqs_queue" "jobs" {
  name              = "${var.name}-jobs"
  kms_master_key_id = "alias/aws/sqs"
}

module "store" {
  source = "./modules/store"
  name   = var.name
}

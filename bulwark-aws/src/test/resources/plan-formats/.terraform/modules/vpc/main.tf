resource "aws_vpc" "this" {
  cidr_block = "10.0.0.0/16"
}

module "flow" {
  source = "./modules/flow"
  vpc_id = aws_vpc.this.id
}

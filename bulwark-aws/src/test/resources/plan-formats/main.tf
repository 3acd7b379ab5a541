resource "aws_s3_bucket" "logs" {
  count  = 2
  bucket = "logs-${count.index}"
}

resource "aws_s3_bucket_acl" "first" {
  bucket = aws_s3_bucket.logs[0].id
  acl    = "log-delivery-write"
}

resource "aws_s3_bucket" "site" {
  count  = 2
  bucket = "site-${count.index}"
}

resource "aws_s3_bucket_acl" "site" {
  count  = 2
  bucket = aws_s3_bucket.site[count.index].id
  acl    = count.index == 0 ? "private" : "public-read"
}

resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = "arn:aws:iam::111122223333:role/worker"
  runtime       = "python3.12"
  handler       = "app.handler"
  layers        = ["arn:aws:lambda:us-east-1:111122223333:layer:base:1", aws_lambda_layer_version.extra.arn]

  environment {
    variables = {
      MODE   = "live"
      BUCKET = aws_s3_bucket.logs[1].arn
    }
  }
}

resource "aws_lambda_layer_version" "extra" {
  layer_name = "extra"
}

resource "aws_db_instance" "db" {
  identifier        = "orders"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  password          = "not-a-real-password"
  storage_encrypted = true
}

resource "aws_s3_bucket" "old" {
  bucket = "old"
}

resource "aws_s3_bucket" "replaced" {
  bucket = "replaced"
}

resource "aws_s3_bucket" "swapped" {
  bucket = "swapped"
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_s3_bucket" "same" {
  bucket = "same"
}

data "aws_caller_identity" "me" {}

module "app" {
  source   = "./modules/app"
  for_each = toset(["blue", "green"])
  name     = each.key
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
}

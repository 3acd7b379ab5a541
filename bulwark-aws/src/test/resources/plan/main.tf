module "logs" {
  source = "./modules/bucket"
  count  = 2
  name   = "logs-${count.index}"
}

resource "aws_s3_bucket" "site" {
  bucket = "example-site"
}

resource "aws_s3_bucket_acl" "site" {
  bucket = aws_s3_bucket.site.id
  acl    = "public-read"
}

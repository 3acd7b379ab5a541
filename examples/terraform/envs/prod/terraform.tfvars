environment = "prod"
admin_cidrs = ["203.0.113.0/24"]
backup_days = 1

buckets = {
  invoices = {}
  assets = {
    versioning  = false
    public_read = true
  }
}

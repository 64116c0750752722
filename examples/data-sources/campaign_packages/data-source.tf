data "campaign_packages" "this" {}

output "installed_packages" {
  value = data.campaign_packages.this.installed
}

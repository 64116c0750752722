# Every package installed on the instance (Terraform >= 1.14).
list "campaign_package" "installed" {
  provider = campaign
}

# Every operator group of the instance with its named rights, built-in groups
# included (Terraform >= 1.14). Add -generate-config-out=groups.tf to adopt them.
list "campaign_operator_group" "all" {
  provider         = campaign
  include_resource = true
}

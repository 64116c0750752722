# Every technical operator of the instance with its groups (Terraform >= 1.14).
# Add -generate-config-out=technical.tf to adopt them; set each client_id.
list "campaign_technical_operator" "all" {
  provider         = campaign
  include_resource = true
}

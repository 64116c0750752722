output "account_ids" {
  description = "Campaign @id of the external account, per environment."
  value = {
    dev   = module.dev.account_id
    stage = module.stage.account_id
    prod  = module.prod.account_id
  }
}

output "prod_group_mapping" {
  description = "Product profile -> Campaign operator group on prod (null: not mapped)."
  value       = module.prod.group_mapping
}

output "product_profiles" {
  description = "Per environment, the product profile to create in the Admin Console for each managed operator group."
  value = {
    dev   = module.dev.product_profiles
    stage = module.stage.product_profiles
    prod  = module.prod.product_profiles
  }
}

output "missing_product_profiles" {
  description = "Per environment, the product profiles to create in the Admin Console (null: not checked)."
  value = {
    dev   = module.dev.missing_product_profiles
    stage = module.stage.missing_product_profiles
    prod  = module.prod.missing_product_profiles
  }
}

output "provider_operators" {
  description = "Per environment, the operator the provider runs as: login, authentication, groups, named rights."
  value = {
    dev   = data.campaign_instance.dev.operator
    stage = data.campaign_instance.stage.operator
    prod  = data.campaign_instance.prod.operator
  }
}

output "technical_operators" {
  description = "The technical operators of prod: login, groups, and the product profiles their credentials hold for them."
  value       = module.prod.technical_operators
}

output "expected_logins" {
  description = "Per environment, what Campaign would do at each expected login (null: not checked)."
  value = {
    dev   = module.dev.expected_logins
    stage = module.stage.expected_logins
    prod  = module.prod.expected_logins
  }
}

output "prod_logins" {
  description = "Why each expected user can or cannot log in to prod, one line each (empty when not checked)."
  value = module.prod.expected_logins == null ? "" : join("\n", [
    for email, login in module.prod.expected_logins : "${email}: ${login.admitted ?
      "admitted, groups ${join(", ", sort(tolist(login.groups)))}${login.control_panel ? ", Control Panel" : ""}" :
    "refused: ${login.reason}"}"
  ])
}

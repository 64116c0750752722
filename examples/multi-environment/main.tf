# One module, three Campaign instances: dev, stage and prod, each through its
# own aliased provider. `make demo` applies this against three emulators.
terraform {
  required_version = ">= 1.11"
  required_providers {
    campaign = {
      source = "acc-terraform/campaign"
    }
  }
}

provider "campaign" {
  alias          = "dev"
  endpoint       = var.instances.dev.endpoint
  ca_certificate = var.instances.dev.ca_certificate
  login          = var.login
  password       = var.password
}

provider "campaign" {
  alias          = "stage"
  endpoint       = var.instances.stage.endpoint
  ca_certificate = var.instances.stage.ca_certificate
  login          = var.login
  password       = var.password
}

provider "campaign" {
  alias          = "prod"
  endpoint       = var.instances.prod.endpoint
  ca_certificate = var.instances.prod.ca_certificate
  login          = var.login
  password       = var.password
}

# Adobe's half: the organization's Admin Console, read once for every
# environment through an alias that holds only admin_console (the User
# Management API allows 5 listings a minute per client).
provider "campaign" {
  alias          = "admin_console"
  ca_certificate = var.admin_console.ca_certificate
  admin_console = {
    org_id         = var.ims_org_id
    client_id      = var.admin_console.client_id
    client_secret  = var.admin_console_client_secret
    token_url      = var.admin_console.token_url
    umapi_endpoint = var.admin_console.umapi_endpoint
  }
}

data "campaign_product_profiles" "org" {
  provider = campaign.admin_console
}

# The users who must log in as expected, read once for every environment:
# their product profiles, held directly or through a user group.
data "campaign_admin_console_users" "expected" {
  count    = length(var.expected_logins) > 0 ? 1 : 0
  provider = campaign.admin_console
  emails   = keys(var.expected_logins)
}

locals {
  # null when not asked or the Admin Console could not be read: the modules skip the check
  expected_users = one(data.campaign_admin_console_users.expected[*].users)
}

# Who the provider runs as on each instance.
data "campaign_instance" "dev" {
  provider = campaign.dev
}
data "campaign_instance" "stage" {
  provider = campaign.stage
}
data "campaign_instance" "prod" {
  provider = campaign.prod
}

module "dev" {
  source               = "../modules/ims-setup"
  providers            = { campaign.instance = campaign.dev }
  client_id            = "Campaign1-Dev"
  client_secret        = var.ims_client_secrets.dev
  callback_server      = var.instances.dev.callback_server
  ims_org_id           = var.ims_org_id
  tenant               = var.instances.dev.tenant
  operator_groups      = var.operator_groups
  force_destroy_groups = var.force_destroy_groups
  product_profiles     = var.product_profiles
  # null when the Admin Console could not be read: the checks are skipped
  admin_console_profiles = data.campaign_product_profiles.org.profiles
  expected_logins        = var.expected_logins
  admin_console_users    = local.expected_users
}

module "stage" {
  source               = "../modules/ims-setup"
  providers            = { campaign.instance = campaign.stage }
  client_id            = "Campaign1-Stage"
  client_secret        = var.ims_client_secrets.stage
  callback_server      = var.instances.stage.callback_server
  ims_org_id           = var.ims_org_id
  tenant               = var.instances.stage.tenant
  operator_groups      = var.operator_groups
  force_destroy_groups = var.force_destroy_groups
  product_profiles     = var.product_profiles
  # null when the Admin Console could not be read: the checks are skipped
  admin_console_profiles = data.campaign_product_profiles.org.profiles
  expected_logins        = var.expected_logins
  admin_console_users    = local.expected_users
}

module "prod" {
  source               = "../modules/ims-setup"
  providers            = { campaign.instance = campaign.prod }
  client_id            = "Campaign1"
  client_secret        = var.ims_client_secrets.prod
  callback_server      = var.instances.prod.callback_server
  ims_org_id           = var.ims_org_id
  tenant               = var.instances.prod.tenant
  operator_groups      = var.operator_groups
  force_destroy_groups = var.force_destroy_groups
  product_profiles     = var.product_profiles
  # null when the Admin Console could not be read: the checks are skipped
  admin_console_profiles = data.campaign_product_profiles.org.profiles
  expected_logins        = var.expected_logins
  # the API integrations of prod (IMS migration): their operators and extra rights
  technical_operators        = var.technical_operators
  technical_operator_secrets = var.technical_operator_secrets
  admin_console_users        = local.expected_users
}

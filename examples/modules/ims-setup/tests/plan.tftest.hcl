# Plan-only tests with a mocked provider: no instance needed.
#   terraform init && terraform test -filter=tests/plan.tftest.hcl
mock_provider "campaign" {
  alias = "instance"

  mock_data "campaign_operator_groups" {
    defaults = {
      names = ["admins", "marketers"]
    }
  }
}

variables {
  client_id        = "Campaign1"
  client_secret    = "not-a-real-secret"
  callback_server  = "https://acme-mkt-prod1.campaign.adobe.com"
  ims_org_id       = "0123456789ABCDEF01234567@AdobeOrg"
  tenant           = "acme"
  product_profiles = ["Campaign - acme - admins", "Campaign - acme - marketers", "Analytics - acme - admins"]
}

run "mask_from_tenant" {
  command   = plan
  providers = { campaign.instance = campaign.instance }

  assert {
    condition     = campaign_ims_external_account.this.matching_mask == "Campaign - acme - (.*)"
    error_message = "the association mask is not the tenant's conventional one"
  }
  assert {
    condition     = campaign_package.experience_cloud.name == "nms:experienceCloudIntegration"
    error_message = "the package is not the module's default"
  }
}

run "group_mapping_preview" {
  command   = plan
  providers = { campaign.instance = campaign.instance }

  assert {
    condition     = output.group_mapping["Campaign - acme - admins"] == "admins" && output.group_mapping["Campaign - acme - marketers"] == "marketers"
    error_message = "Campaign product profiles do not map to their operator groups"
  }
  assert {
    condition     = output.group_mapping["Analytics - acme - admins"] == null
    error_message = "a profile of another product maps to a Campaign group"
  }
}

run "http_callback_is_refused" {
  command   = plan
  providers = { campaign.instance = campaign.instance }
  variables {
    callback_server = "http://acme-mkt-prod1.campaign.adobe.com"
  }
  expect_failures = [var.callback_server]
}

run "org_id_without_suffix_is_refused" {
  command   = plan
  providers = { campaign.instance = campaign.instance }
  variables {
    ims_org_id = "0123456789ABCDEF01234567"
  }
  expect_failures = [var.ims_org_id]
}

run "profile_without_group_is_warned" {
  command   = plan
  providers = { campaign.instance = campaign.instance }

  # This instance has the admins group only: "marketers" is missing.
  override_data {
    target = data.campaign_operator_groups.all
    values = {
      names = ["admins"]
    }
  }

  expect_failures = [check.product_profiles_have_groups]
}

run "profiles_with_groups_pass_the_check" {
  command   = plan
  providers = { campaign.instance = campaign.instance }

  assert {
    condition     = length(local.profiles_without_group) == 0
    error_message = "a profile mapping to an existing group was reported"
  }
}

run "groups_give_their_product_profiles" {
  command   = plan
  providers = { campaign.instance = campaign.instance }
  variables {
    operator_groups = {
      marketers = { label = "Marketers", named_rights = ["createProject"] }
      reviewers = {}
    }
  }

  assert {
    condition     = output.product_profiles["marketers"] == "Campaign - acme - marketers" && output.product_profiles["reviewers"] == "Campaign - acme - reviewers"
    error_message = "the product profiles to create do not map back to their groups"
  }
  assert {
    condition     = campaign_operator_group.this["marketers"].label == "Marketers" && campaign_operator_group.this["reviewers"].name == "reviewers"
    error_message = "the groups are not planned as given"
  }
  assert {
    condition     = length(local.control_panel_profiles) == 0
    error_message = "a group without admin in its name was warned about"
  }
}

run "admin_in_a_profile_name_is_warned" {
  command   = plan
  providers = { campaign.instance = campaign.instance }
  variables {
    operator_groups = { siteadmins = {} }
  }
  expect_failures = [check.product_profiles_without_control_panel_access]
}

run "managed_groups_count_as_existing" {
  command   = plan
  providers = { campaign.instance = campaign.instance }
  variables {
    operator_groups  = { reviewers = {} }
    product_profiles = ["Campaign - acme - reviewers"]
  }
  override_data {
    target = data.campaign_operator_groups.all
    values = {
      names = []
    }
  }

  assert {
    condition     = length(local.profiles_without_group) == 0
    error_message = "a profile mapping to a group this module creates was reported as missing"
  }
}

# Adobe's half: the organization's product profiles, as campaign_product_profiles lists them.
run "admin_console_missing_and_empty_profiles" {
  command   = plan
  providers = { campaign.instance = campaign.instance }
  variables {
    operator_groups        = { marketers = {}, reviewers = {} }
    admin_console_profiles = [{ name = "Campaign - acme - reviewers", member_count = 0 }]
  }
  expect_failures = [check.admin_console_has_product_profiles, check.admin_console_product_profiles_have_members]

  assert {
    condition     = output.missing_product_profiles == ["Campaign - acme - marketers"]
    error_message = "missing_product_profiles does not name exactly the profile to create"
  }
}

run "admin_console_profiles_all_there" {
  command   = plan
  providers = { campaign.instance = campaign.instance }
  variables {
    operator_groups = { marketers = {}, reviewers = {} }
    admin_console_profiles = [
      { name = "Campaign - acme - marketers", member_count = 2 },
      { name = "Campaign - acme - reviewers", member_count = 1 },
      { name = "Analytics - acme - admins", member_count = 4 },
    ]
  }

  assert {
    condition     = output.missing_product_profiles == [] && length(local.empty_product_profiles) == 0 && length(local.org_profiles_without_group) == 0
    error_message = "profiles that exist with members were reported"
  }
}

run "admin_console_not_checked" {
  command   = plan
  providers = { campaign.instance = campaign.instance }
  variables {
    operator_groups = { marketers = {} }
  }

  assert {
    condition     = output.missing_product_profiles == null
    error_message = "without the organization's profiles, nothing is reported missing: it was not checked"
  }
}

run "admin_console_profile_naming_no_group" {
  command   = plan
  providers = { campaign.instance = campaign.instance }
  variables {
    admin_console_profiles = [{ name = "Campaign - acme - ghosts", member_count = 3 }, { name = "Campaign - acme - admins", member_count = 1 }]
  }
  expect_failures = [check.admin_console_profiles_name_existing_groups]

  assert {
    condition     = local.org_profiles_without_group == ["Campaign - acme - ghosts -> ghosts"]
    error_message = "the profile whose capture names no group was not the one reported"
  }
}

run "admin_console_profile_differing_only_in_case" {
  command   = plan
  providers = { campaign.instance = campaign.instance }
  variables {
    operator_groups        = { Reviewers = {} }
    admin_console_profiles = [{ name = "Campaign - acme - reviewers", member_count = 1 }]
  }
  expect_failures = [
    check.admin_console_has_product_profiles,
    check.admin_console_profiles_name_existing_groups,
    check.admin_console_profiles_differ_only_in_case,
  ]

  assert {
    condition     = local.org_profiles_case_only == ["Campaign - acme - reviewers -> reviewers (managed: Reviewers)"]
    error_message = "the case-only near miss was not reported with the managed group"
  }
}

run "admin_named_right_is_warned" {
  command   = plan
  providers = { campaign.instance = campaign.instance }
  variables {
    operator_groups = { ops = { named_rights = ["admin", "report"] } }
  }
  expect_failures = [check.product_profiles_without_control_panel_access]

  assert {
    condition     = local.control_panel_profiles == ["named right admin (group ops)"]
    error_message = "a managed group granted the admin named right was not reported"
  }
}

run "admin_console_profile_names_shared_by_two_products" {
  command   = plan
  providers = { campaign.instance = campaign.instance }
  variables {
    operator_groups = { marketers = {} }
    admin_console_profiles = [
      { name = "Campaign - acme - marketers", product_name = "Adobe Campaign", member_count = 0 },
      { name = "Campaign - acme - marketers", product_name = "Adobe Campaign (stage)", member_count = 3 },
    ]
  }

  assert {
    condition     = output.missing_product_profiles == [] && length(local.empty_product_profiles) == 0
    error_message = "a profile name shared by two products broke the plan or was reported as empty though one of them has members"
  }
}

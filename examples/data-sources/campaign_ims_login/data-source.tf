# "Can jdoe log in to this instance, and with which groups?" From the user's
# product profiles (read from the Admin Console, or written by hand), what
# Campaign would do at the Adobe ID login: the groups and named rights, or
# why it refuses ("Login does not have any right matching the expression").
data "campaign_ims_login" "jdoe" {
  login            = "jdoe@acme.example"
  product_profiles = ["Campaign - acme - reviewers", "Analytics - acme - admin"]
}

# A check block warns at every plan when the answer is not the expected one.
check "jdoe_logs_in_as_a_reviewer" {
  assert {
    condition     = data.campaign_ims_login.jdoe.admitted && contains(data.campaign_ims_login.jdoe.groups, "reviewers")
    error_message = "jdoe@acme.example would not log in as a reviewer: ${coalesce(data.campaign_ims_login.jdoe.reason, "groups ${join(", ", data.campaign_ims_login.jdoe.groups)}")}"
  }
}

variable "package_name" {
  description = "Identifier (namespace:name) of the \"Integration with the Adobe Experience Cloud\" package on your build. The default is the emulator's name for it."
  type        = string
  default     = "nms:experienceCloudIntegration"
  validation {
    condition     = can(regex("^[a-z][A-Za-z0-9]*:[A-Za-z][A-Za-z0-9_]*$", var.package_name))
    error_message = "package_name must be namespace:name, e.g. nms:campaign."
  }
}

variable "label" {
  description = "Label of the external account."
  type        = string
  default     = "Adobe Experience Cloud"
}

variable "ims_scope" {
  description = "IMS scopes of the account."
  type        = list(string)
  default     = ["openid", "AdobeID", "session", "read_organizations", "additional_info.projectedProductContext"]
}

variable "client_id" {
  description = "IMS client identifier provided by Adobe."
  type        = string
}

variable "client_secret" {
  description = "IMS client secret; written once per client_secret_version, never stored in state."
  type        = string
  sensitive   = true
  ephemeral   = true
}

variable "client_secret_version" {
  description = "Bump to write a new client_secret."
  type        = number
  default     = 1
}

variable "callback_server" {
  description = "https:// access URL of this Campaign instance."
  type        = string
  validation {
    condition     = startswith(var.callback_server, "https://")
    error_message = "callback_server must be an https:// URL: Adobe ID login refuses http://."
  }
}

variable "ims_org_id" {
  description = "IMS organization ID, ending in @AdobeOrg."
  type        = string
  validation {
    condition     = endswith(var.ims_org_id, "@AdobeOrg")
    error_message = "ims_org_id must end in @AdobeOrg."
  }
}

variable "tenant" {
  description = "Adobe Experience Cloud tenant; the association mask is \"Campaign - <tenant> - (.*)\"."
  type        = string
  validation {
    condition     = length(trimspace(var.tenant)) > 0
    error_message = "tenant must not be empty."
  }
}

variable "experience_cloud_server" {
  description = "URL of the Adobe Experience Cloud instance."
  type        = string
  default     = "https://marketing.adobe.com"
}

variable "product_profiles" {
  description = "Admin Console product profile names whose group mapping to preview in the group_mapping output."
  type        = list(string)
  default     = []
}

variable "operator_groups" {
  description = "Operator groups to manage: internal name => label, description and named rights (internal names, e.g. admin). Unset attributes keep what Campaign stores."
  type = map(object({
    label        = optional(string)
    description  = optional(string)
    named_rights = optional(set(string))
  }))
  default = {}
  validation {
    condition     = alltrue([for name in keys(var.operator_groups) : can(regex("^[A-Za-z_][A-Za-z0-9_]*$", name))])
    error_message = "operator_groups keys are Campaign internal names: letters, digits and _, not starting with a digit."
  }
}

variable "force_destroy_groups" {
  description = "Let destroy delete managed operator groups that still have operators (deleting a group revokes their rights at once). Apply with true before destroying."
  type        = bool
  default     = false
}

variable "admin_console_profiles" {
  description = "The organization's product profiles, as campaign_product_profiles lists them (its profiles attribute). With them, checks warn at plan about missing or empty profiles of the managed groups and about profiles that map to no group. Null skips those checks (also when the Admin Console could not be read)."
  type = list(object({
    name           = string
    product_name   = optional(string)
    member_count   = optional(number)
    operator_group = optional(string)
  }))
  default = null
}

variable "technical_operators" {
  description = "The API integrations of the instance, by key: the client_id of each OAuth server-to-server credential (Developer Console), the extra named rights its operator owns (IMS migration step 9), and, for another IMS than Adobe's (an emulator), its token_url and scopes. Campaign creates each operator at the technical account's first call, which the provider makes when the operator does not exist yet (it then needs the key's secret in technical_operator_secrets and client_secret_version)."
  type = map(object({
    client_id             = string
    named_rights          = optional(set(string))
    client_secret_version = optional(number)
    token_url             = optional(string)
    scopes                = optional(list(string))
  }))
  default = {}
}

variable "technical_operator_secrets" {
  description = "The client secret of each technical operator's credential, by key of technical_operators: write-only, used only for the first call, never stored."
  type        = map(string)
  sensitive   = true
  ephemeral   = true
  default     = {}
}

variable "expected_logins" {
  description = "Users who must be able to log in to this instance with exactly these operator groups (email => groups), checked at every plan from their Admin Console profiles (admin_console_users). A user who would be refused, or get other groups, is a warning with the reason."
  type        = map(set(string))
  default     = {}
}

variable "admin_console_users" {
  description = "The users of expected_logins as campaign_admin_console_users reads them (its users attribute). Null skips the expected_logins check (also when the Admin Console could not be read)."
  type = list(object({
    email            = string
    found            = bool
    status           = optional(string)
    type             = optional(string)
    product_profiles = list(string)
    user_groups      = optional(list(string))
  }))
  default = null
}

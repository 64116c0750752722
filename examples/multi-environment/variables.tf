variable "instances" {
  description = "Per environment: Campaign endpoint, optional private CA (PEM text or file path), callback URL and tenant."
  type = object({
    dev   = object({ endpoint = string, ca_certificate = optional(string), callback_server = string, tenant = string })
    stage = object({ endpoint = string, ca_certificate = optional(string), callback_server = string, tenant = string })
    prod  = object({ endpoint = string, ca_certificate = optional(string), callback_server = string, tenant = string })
  })
}

variable "login" {
  description = "Operator login, the same on every instance here."
  type        = string
  default     = "admin"
}

variable "password" {
  description = "Operator password (TF_VAR_password)."
  type        = string
  sensitive   = true
}

variable "ims_client_secrets" {
  description = "IMS client secret per environment (TF_VAR_ims_client_secrets='{dev=\"…\",stage=\"…\",prod=\"…\"}')."
  type        = object({ dev = string, stage = string, prod = string })
  sensitive   = true
  ephemeral   = true
}

variable "ims_org_id" {
  description = "IMS organization ID shared by the three instances."
  type        = string
  default     = "0123456789ABCDEF01234567@AdobeOrg"
}

variable "product_profiles" {
  description = "Admin Console product profiles whose Campaign group mapping each environment previews."
  type        = list(string)
  default     = ["Campaign - acme - admin", "Campaign - acme - marketers", "Analytics - acme - admin"]
}

variable "operator_groups" {
  description = "Operator groups managed on every environment: internal name => label, description, named rights."
  type = map(object({
    label        = optional(string)
    description  = optional(string)
    named_rights = optional(set(string))
  }))
  default = {
    marketers = {
      label        = "Marketers"
      description  = "Plan campaigns and prepare deliveries"
      named_rights = ["createProject", "editProject", "prepareDelivery"]
    }
    reviewers = {
      label        = "Delivery reviewers"
      description  = "Review and start deliveries, read reports"
      named_rights = ["report", "startDelivery"]
    }
  }
}

variable "force_destroy_groups" {
  description = "Let destroy delete operator groups that still have operators (apply with true first)."
  type        = bool
  default     = false
}

variable "admin_console" {
  description = "The organization's User Management API credential (OAuth server-to-server, Developer Console) and, for an emulator, its endpoints and CA; null endpoints are Adobe's."
  type = object({
    client_id      = string
    token_url      = optional(string)
    umapi_endpoint = optional(string)
    ca_certificate = optional(string)
  })
}

variable "admin_console_client_secret" {
  description = "Client secret of the admin_console credential (TF_VAR_admin_console_client_secret)."
  type        = string
  sensitive   = true
  ephemeral   = true
}

variable "expected_logins" {
  description = "Users who must log in to every environment with exactly these operator groups (email => groups), checked at every plan from the Admin Console."
  type        = map(set(string))
  default     = {}
}

variable "technical_operators" {
  description = "The API integrations of prod (see the ims-setup module): key => client_id, named_rights, client_secret_version, token_url, scopes."
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
  description = "Client secret of each technical operator's credential, by key (TF_VAR_technical_operator_secrets='{key=\"…\"}'): used only for the first call."
  type        = map(string)
  sensitive   = true
  ephemeral   = true
  default     = {}
}

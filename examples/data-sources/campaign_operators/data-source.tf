# IMS migration step 10: the native operators still to retire, and the
# technical operators of the API integrations.
data "campaign_operators" "native" {
  authentication = "native"
}

data "campaign_operators" "technical" {
  technical = true
}

output "native_operators_to_retire" {
  value = [for op in data.campaign_operators.native.operators : op.login if !op.disabled]
}

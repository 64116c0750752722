data "campaign_instance" "this" {}

output "campaign_build" {
  value = "${data.campaign_instance.this.instance_name} build ${data.campaign_instance.this.build}"
}

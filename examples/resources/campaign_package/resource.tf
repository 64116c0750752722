# "Integration with the Adobe Experience Cloud". Adobe does not publish its
# internal name: read it from data.campaign_packages on an instance where it is
# installed. nms:experienceCloudIntegration is the emulator's name for it.
resource "campaign_package" "experience_cloud" {
  name = "nms:experienceCloudIntegration"

  timeouts = {
    create = "30m"
  }
}

import {
  to = campaign_package.experience_cloud
  id = "nms:experienceCloudIntegration"
}

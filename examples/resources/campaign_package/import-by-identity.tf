# Terraform >= 1.12: import by resource identity, the package's namespace:name.
import {
  to = campaign_package.experience_cloud
  identity = {
    name = "nms:experienceCloudIntegration"
  }
}

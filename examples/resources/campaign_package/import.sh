# The import ID is the package identifier namespace:name; the package must be installed.
terraform import campaign_package.experience_cloud nms:experienceCloudIntegration

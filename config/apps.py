"""The admin app, set to use the newsroom's own admin site."""

from django.contrib.admin.apps import AdminConfig


class MastheadAdminConfig(AdminConfig):
    default_site = "config.admin.MastheadAdminSite"

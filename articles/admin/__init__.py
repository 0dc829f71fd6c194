"""The editors' admin: articles (with their workflow, desk and import pages), sections, tags."""

from django.contrib import admin

from core.lockout import register_admin

from . import articles, sections, tags

# Loaded after django-axes's admin (INSTALLED_APPS order), so its records admin is replaced.
register_admin(admin.site)

__all__ = ["articles", "sections", "tags"]

"""The editors' admin: articles (with their workflow, desk and import pages), sections, tags,
and the articles naming each person on their page."""

from django.contrib import admin

from core.lockout import register_admin

from . import articles, people, sections, tags

# Loaded after django-axes's admin (INSTALLED_APPS order), so its records admin is replaced.
register_admin(admin.site)

__all__ = ["articles", "people", "sections", "tags"]

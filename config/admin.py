"""The admin site: named after the newsroom, its front page the desk instead of the app list."""

from django.conf import settings
from django.contrib import admin

from articles.desk_lists import newsroom_desk


class MastheadAdminSite(admin.AdminSite):
    """Django's admin site with the site's name in the header and the desk as its index."""

    index_template = "admin/desk.html"
    index_title = "Desk"

    @property
    def site_header(self) -> str:
        return settings.SITE_NAME

    @property
    def site_title(self) -> str:
        return f"{settings.SITE_NAME} newsroom"

    def index(self, request, extra_context=None):
        context = {"desk": newsroom_desk(request.user), **(extra_context or {})}
        return super().index(request, context)

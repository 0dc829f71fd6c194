"""The newsroom roles: Contributor, Editor and Administrator, as auth groups."""

from django.contrib.auth.models import Group, Permission

CONTRIBUTOR = "Contributor"
EDITOR = "Editor"
ADMINISTRATOR = "Administrator"
EDITOR_APPS = ["articles", "people", "taggit"]


def top_up_roles(sender=None, using="default", **kwargs) -> None:
    """Give the Administrator every permission, including those of apps added later."""
    administrator = Group.objects.using(using).filter(name=ADMINISTRATOR).first()
    if administrator is not None:
        administrator.permissions.add(*Permission.objects.using(using).all())
    editor = Group.objects.using(using).filter(name=EDITOR).first()
    if editor is not None:
        editor.permissions.add(
            *Permission.objects.using(using).filter(content_type__app_label__in=EDITOR_APPS)
        )

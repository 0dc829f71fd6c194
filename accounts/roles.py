"""Every newsroom role may keep API tokens of its own; Administrators hold every permission."""

from django.contrib.auth.models import Group, Permission

from articles.roles import ADMINISTRATOR, CONTRIBUTOR, EDITOR, top_up_roles

OWN_TOKEN_PERMISSIONS = ["add_apitoken", "view_apitoken", "change_apitoken"]


def grant_own_tokens(sender=None, using="default", **kwargs) -> None:
    """Let every role keep its own API tokens; runs after every migrate and flush."""
    top_up_roles(using=using)
    permissions = Permission.objects.using(using).filter(
        content_type__app_label="accounts", codename__in=OWN_TOKEN_PERMISSIONS
    )
    for group in Group.objects.using(using).filter(name__in=[CONTRIBUTOR, EDITOR, ADMINISTRATOR]):
        group.permissions.add(*permissions)

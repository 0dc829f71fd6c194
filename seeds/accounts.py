"""The demo editor account, created only in demo mode."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

DEMO_USERNAME = "editor"
DEMO_PASSWORD = "masthead-demo"
EDITOR_APPS = ["articles", "people", "taggit"]


def ensure_demo_editor() -> bool:
    """Create the demo editor if missing; return True if it was created now."""
    user_model = get_user_model()
    existing = user_model.objects.filter(username=DEMO_USERNAME).first()
    if existing is not None:
        join_editor_group(existing)
        return False
    user = user_model.objects.create_user(
        DEMO_USERNAME, email="editor@example.com", password=DEMO_PASSWORD, is_staff=True
    )
    user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=EDITOR_APPS))
    join_editor_group(user)
    return True


def join_editor_group(user) -> None:
    """Make the demo editor a member of the Editor role, which the roles migration creates."""
    group = Group.objects.filter(name="Editor").first()
    if group is not None:
        user.groups.add(group)

"""The demo editor account, created only in demo mode."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from articles.roles import EDITOR, top_up_roles

DEMO_USERNAME = "editor"
DEMO_PASSWORD = "masthead-demo"


def ensure_demo_editor() -> bool:
    """Create the demo editor if missing; return True if it was created now."""
    user_model = get_user_model()
    user = user_model.objects.filter(username=DEMO_USERNAME).first()
    created = user is None
    if created:
        user = user_model.objects.create_user(
            DEMO_USERNAME, email="editor@example.com", password=DEMO_PASSWORD, is_staff=True
        )
    join_editor_group(user)
    return created


def join_editor_group(user) -> None:
    """Give the demo editor exactly the Editor role's permissions, through the group alone."""
    top_up_roles()
    user.user_permissions.clear()
    user.groups.add(Group.objects.get(name=EDITOR))

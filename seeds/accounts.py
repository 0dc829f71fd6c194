"""The demo accounts, one for each newsroom role, created only in demo mode."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from articles.roles import ADMINISTRATOR, CONTRIBUTOR, EDITOR, top_up_roles

DEMO_PASSWORD = "masthead-demo"


@dataclass(frozen=True)
class DemoAccount:
    """A demo sign-in that holds one role, through that role's group alone."""

    username: str
    role: str


DEMO_ACCOUNTS = (
    DemoAccount("contributor", CONTRIBUTOR),
    DemoAccount("editor", EDITOR),
    DemoAccount("administrator", ADMINISTRATOR),
)
DEMO_USERNAME = "editor"


def ensure_demo_accounts() -> list[tuple[DemoAccount, bool]]:
    """Create the missing demo accounts; return each with True if it was created now."""
    top_up_roles()
    return [(account, ensure_demo_account(account)) for account in DEMO_ACCOUNTS]


def ensure_demo_account(account: DemoAccount) -> bool:
    """Create `account` if missing and leave it in its role alone; return True if created now."""
    user_model = get_user_model()
    user = user_model.objects.filter(username=account.username).first()
    created = user is None
    if created:
        user = user_model.objects.create_user(
            account.username,
            email=f"{account.username}@example.com",
            password=DEMO_PASSWORD,
            is_staff=True,
        )
    join_only(user, account.role)
    return created


def ensure_demo_editor() -> bool:
    """Create the demo editor if missing; return True if it was created now."""
    top_up_roles()
    return ensure_demo_account(DemoAccount(DEMO_USERNAME, EDITOR))


def join_only(user, role: str) -> None:
    """Give `user` exactly the permissions of `role`, through its group and nothing else."""
    user.user_permissions.clear()
    user.groups.set([Group.objects.get(name=role)])

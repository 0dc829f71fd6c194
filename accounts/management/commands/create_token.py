"""Issue an API token to an account and print its key once."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.models import ApiToken
from accounts.tokens import new_token


class Command(BaseCommand):
    help = "Issue a named, scoped API token to USERNAME and print its key (shown only once)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help="What the token is for.")
        parser.add_argument("--scope", choices=ApiToken.Scope.values, default=ApiToken.Scope.READ)
        parser.add_argument(
            "--days", type=int, default=None, help="Days until it expires (default API_TOKEN_DAYS)."
        )

    def handle(self, *args, username, name, scope, days, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account is named {username!r}.")
        if days is not None and days < 1:
            raise CommandError("--days must be at least 1.")
        token, key = new_token(user, name=name, scope=scope, days=days)
        self.stdout.write(f"Token “{token.name}” ({token.scope}) for {username}: {key}")

"""The accounts app: it listens for sign-ins, group changes and workflow events to audit them."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Staff accounts"

    def ready(self):
        from django.db.models.signals import post_migrate

        from accounts import receivers  # noqa: F401  (connects the audit log's receivers)
        from accounts.roles import grant_own_tokens

        post_migrate.connect(grant_own_tokens, dispatch_uid="own_api_tokens")

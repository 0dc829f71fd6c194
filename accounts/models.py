"""API tokens, the audit log and each account's sign-out-everywhere time."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class ApiTokenQuerySet(models.QuerySet):
    def usable(self):
        """Return the tokens neither revoked nor expired."""
        return self.filter(revoked_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now())
        )


class ApiToken(models.Model):
    """A named, scoped and expiring key for the API; only its SHA-256 hash is stored."""

    class Scope(models.TextChoices):
        READ = "read", "Read"
        WRITE = "write", "Read and write"
        PUBLISH = "publish", "Read, write and publish"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(
        max_length=100, help_text="What the token is for, e.g. “Mobile app” or “Partner feed”."
    )
    scope = models.CharField(
        max_length=10,
        choices=Scope.choices,
        default=Scope.READ,
        help_text="Read: only reads. Write: also edits. Publish: also publishes and unpublishes.",
    )
    prefix = models.CharField(
        max_length=12, editable=False, help_text="The key's first characters, to recognise it."
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="After this time the token is refused; left empty, it lasts API_TOKEN_DAYS "
        "(90 days unless the operator set otherwise).",
    )
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_used_from = models.GenericIPAddressField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "API token"
        permissions = [("manage_all_tokens", "Can see and revoke every account's API tokens")]
        constraints = [
            models.CheckConstraint(
                condition=Q(scope__in=["read", "write", "publish"]), name="api_token_scope_valid"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        """Return True if the token is neither revoked nor expired."""
        expired = self.expires_at is not None and self.expires_at <= timezone.now()
        return self.revoked_at is None and not expired


class AuditAction(models.TextChoices):
    SIGNED_IN = "signed-in", "Signed in"
    SIGN_IN_FAILED = "sign-in-failed", "Sign-in failed"
    SECOND_FACTOR_USED = "second-factor", "Second factor used"
    SECOND_FACTOR_FAILED = "second-factor-failed", "Wrong second-factor code"
    SECOND_FACTOR_ENROLLED = "second-factor-enrolled", "Second factor enrolled"
    LOCKED_OUT = "locked-out", "Locked out"
    SIGNED_OUT = "signed-out", "Signed out"
    SIGNED_OUT_EVERYWHERE = "signed-out-everywhere", "Signed out everywhere"
    GROUPS_CHANGED = "groups-changed", "Roles changed"
    TOKEN_CREATED = "token-created", "API token created"
    TOKEN_REVOKED = "token-revoked", "API token revoked"
    PUBLISHED = "published", "Published"
    SCHEDULED = "scheduled", "Scheduled"
    UNPUBLISHED = "unpublished", "Unpublished"
    DELETED = "deleted", "Deleted"
    RESTORED = "restored", "Restored"
    EXPORTED = "exported", "Content exported"
    IMPORTED = "imported", "Content imported"
    WEBHOOK_CREATED = "webhook-created", "Webhook endpoint created"
    WEBHOOK_ROTATED = "webhook-rotated", "Webhook secret rotated"
    WEBHOOK_DELETED = "webhook-deleted", "Webhook endpoint deleted"


class AuditEntry(models.Model):
    """One security-relevant action: who, what, on what, from where and when."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who acted; empty for a sign-in attempt under an unknown name or a command.",
    )
    actor_name = models.CharField(max_length=150, blank=True, help_text="The username given.")
    action = models.CharField(max_length=30, choices=AuditAction.choices, db_index=True)
    target = models.CharField(max_length=300, blank=True, help_text="What was acted on.")
    address = models.GenericIPAddressField(null=True, blank=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "audit log entry"
        verbose_name_plural = "audit log"
        indexes = [models.Index(fields=["actor", "-at"], name="audit_actor_at")]

    def __str__(self):
        return f"{self.get_action_display()} by {self.actor_name or 'someone'}"


class AccountSecurity(models.Model):
    """Per account: sessions begun before `signed_out_before` are no longer valid."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="security"
    )
    signed_out_before = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "account security"
        verbose_name_plural = "account security"

    def __str__(self):
        return f"Security of {self.user}"

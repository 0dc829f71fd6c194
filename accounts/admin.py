"""The admin of API tokens, the audit log, and staff accounts' security actions."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils import timezone
from django_otp import devices_for_user

from accounts import sessions, tokens
from accounts.models import ApiToken, AuditEntry

MANAGE_ALL_TOKENS = "accounts.manage_all_tokens"


def manages_all_tokens(user) -> bool:
    return user.has_perm(MANAGE_ALL_TOKENS)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Each account's tokens; Administrators see and revoke everyone's. Keys are shown once."""

    list_display = [
        "name",
        "user",
        "scope",
        "prefix",
        "created_at",
        "expires_at",
        "last_used_at",
        "last_used_from",
        "revoked_at",
    ]
    list_filter = ["scope"]
    search_fields = ["name", "prefix", "user__username"]
    readonly_fields = ["prefix", "created_at", "last_used_at", "last_used_from", "revoked_at"]
    actions = ["revoke"]

    def get_queryset(self, request):
        tokens_seen = super().get_queryset(request).select_related("user")
        if manages_all_tokens(request.user):
            return tokens_seen
        return tokens_seen.filter(user=request.user)

    def get_fields(self, request, obj=None):
        if obj is not None:
            return ["name", "user", "scope", "expires_at", *self.readonly_fields]
        return (
            ["user", "name", "scope", "expires_at"]
            if manages_all_tokens(request.user)
            else ["name", "scope", "expires_at"]
        )

    def get_readonly_fields(self, request, obj=None):
        # A token's scope, owner and expiry are fixed once issued: issue a new one instead.
        return [*self.readonly_fields, "user", "scope", "expires_at"] if obj else []

    def has_delete_permission(self, request, obj=None):
        return False  # revoked, never deleted: the audit log names them

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        if not manages_all_tokens(request.user):
            obj.user = request.user
        days = None
        if obj.expires_at is not None:
            days = max(1, (obj.expires_at - timezone.now()).days)
        # Kept on the request (the admin instance serves every request) for response_add.
        request.issued_token_key = tokens.issue_token(obj, days=days, created_by=request.user)

    def response_add(self, request, obj, post_url_continue=None):
        context = {
            **self.admin_site.each_context(request),
            "token": obj,
            "key": request.issued_token_key,
            "opts": self.opts,
            "title": "Token created",
        }
        return TemplateResponse(request, "accounts/token_created.html", context)

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset):
        for token in queryset:
            tokens.revoke_token(token=token, revoked_by=request.user)
        messages.success(request, f"Revoked {len(queryset)} tokens.")


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit log, read-only, filtered by person, action and date."""

    list_display = ["at", "actor_name", "action", "target", "address"]
    list_filter = ["action", "at", ("actor", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["actor_name", "target"]
    date_hierarchy = "at"
    list_select_related = ["actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StaffUserAdmin(UserAdmin):
    """Django's user admin, with signing an account out everywhere and resetting its factors.

    Both actions ask for confirmation first, as deleting does: they act on other people.
    """

    actions = ["sign_out_everywhere", "reset_second_factors"]

    @admin.action(description="Sign the selected accounts out everywhere", permissions=["change"])
    def sign_out_everywhere(self, request, queryset):
        if "confirmed" not in request.POST:
            return self.confirm(
                request, queryset, "sign_out_everywhere", "Sign these accounts out on every device?"
            )
        for user in queryset:
            sessions.sign_out_everywhere(user, by=request.user)
        messages.success(request, f"Signed {len(queryset)} accounts out everywhere.")

    @admin.action(
        description="Reset the selected accounts' second factors (they set one up again)",
        permissions=["change"],
    )
    def reset_second_factors(self, request, queryset):
        if "confirmed" not in request.POST:
            return self.confirm(
                request,
                queryset,
                "reset_second_factors",
                "Remove these accounts' authenticator apps, passkeys and "
                "recovery codes? They set up a new one at their next sign-in.",
            )
        for user in queryset:
            for device in devices_for_user(user, confirmed=None):
                device.delete()
            sessions.sign_out_everywhere(user, by=request.user)
        messages.success(request, f"Reset the second factors of {len(queryset)} accounts.")

    def confirm(self, request, queryset, action: str, question: str):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "queryset": queryset,
            "action": action,
            "question": question,
            "title": "Are you sure?",
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "accounts/confirm_action.html", context)


def register_admin(site) -> None:
    """Use the staff user admin; hide the admins that would show keys or secrets."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from django_otp_webauthn.models import WebAuthnAttestation, WebAuthnCredential
    from rest_framework.authtoken.models import TokenProxy

    for model in (TOTPDevice, StaticDevice, WebAuthnCredential, WebAuthnAttestation, TokenProxy):
        if site.is_registered(model):
            site.unregister(model)
    user_model = get_user_model()
    if site.is_registered(user_model):
        site.unregister(user_model)
    site.register(user_model, StaffUserAdmin)


register_admin(admin.site)

"""What the audit log hears: sign-ins, lockouts, role changes, workflow steps, exports."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from accounts import twofactor
from accounts.audit import record
from accounts.models import AuditAction
from accounts.sessions import stamp_sign_in
from articles.models import Article, ArticleEvent
from core.signals import content_exported, content_imported, webhook_changed

# The workflow's recorded steps that the audit log keeps, with the entry each becomes.
WORKFLOW_ACTIONS = {
    ArticleEvent.Action.PUBLISHED: AuditAction.PUBLISHED,
    ArticleEvent.Action.SCHEDULED: AuditAction.SCHEDULED,
    ArticleEvent.Action.UNPUBLISHED: AuditAction.UNPUBLISHED,
    ArticleEvent.Action.RESTORED: AuditAction.RESTORED,
    ArticleEvent.Action.RECOVERED: AuditAction.RESTORED,
}


@receiver(user_logged_in)
def signed_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        stamp_sign_in(request)
        request.session[twofactor.REQUIRED] = twofactor.is_required(user)
    record(AuditAction.SIGNED_IN, actor=user, request=request)


@receiver(user_logged_out)
def signed_out(sender, request, user, **kwargs):
    if user is not None:
        record(AuditAction.SIGNED_OUT, actor=user, request=request)


@receiver(user_login_failed)
def sign_in_failed(sender, credentials, request=None, **kwargs):
    # Wrong second-factor codes are sent as failed sign-ins too (for the lockout); they say so.
    action = credentials.get("audit_action", AuditAction.SIGN_IN_FAILED)
    record(action, actor_name=str(credentials.get("username", ""))[:150], request=request)


@receiver(user_locked_out)
def locked_out(sender, request, username, ip_address, **kwargs):
    record(AuditAction.LOCKED_OUT, actor_name=str(username or "")[:150], request=request)


@receiver(m2m_changed, sender=get_user_model().groups.through)
def groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"} or reverse:
        return
    record(
        AuditAction.GROUPS_CHANGED,
        target=instance.get_username(),
        change=action.removeprefix("post_"),
        groups=sorted(instance.groups.values_list("name", flat=True)),
    )


@receiver(post_save, sender=ArticleEvent)
def workflow_step(sender, instance, created, raw=False, **kwargs):
    action = WORKFLOW_ACTIONS.get(instance.action)
    if created and action and not raw:  # a restored archive's history is not a new step
        record(
            action,
            actor=instance.user,
            target=_article(instance.article_id),
            article=instance.article_id,
            to_status=instance.to_status,
        )


@receiver(post_delete, sender=Article)
def article_deleted(sender, instance, **kwargs):
    record(AuditAction.DELETED, target=f"{instance.headline} (#{instance.pk})", article=instance.pk)


@receiver(content_exported)
def exported(sender, path, counts, **kwargs):
    record(AuditAction.EXPORTED, target=str(path), rows=sum(counts.values()))


@receiver(content_imported)
def imported(sender, path, counts, **kwargs):
    record(AuditAction.IMPORTED, target=str(path), rows=sum(counts.values()))


WEBHOOK_ACTIONS = {
    "created": AuditAction.WEBHOOK_CREATED,
    "rotated": AuditAction.WEBHOOK_ROTATED,
    "deleted": AuditAction.WEBHOOK_DELETED,
}


@receiver(webhook_changed)
def webhook_endpoint(sender, endpoint, action, user, **kwargs):
    # The address and id only: a secret never reaches the log.
    record(WEBHOOK_ACTIONS[action], actor=user, target=endpoint.url, endpoint=endpoint.pk)


def _article(article_id: int) -> str:
    headline = Article.objects.filter(pk=article_id).values_list("headline", flat=True).first()
    return f"{headline} (#{article_id})"

"""The workflow side of the articles admin: roles, transitions, history, previews, recovery."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from reversion.models import Version

from articles import preview
from articles.models import Article
from articles.services import policy, publishing
from articles.services.checks import publishing_checks
from articles.services.concurrency import StaleArticleError
from articles.services.publishing import STEPS, Stage, Step, stage_label
from articles.services.revisions import (
    deleted_versions,
    diff_versions,
    recover_article,
    restore_revision,
    versions_of,
)

from .conflicts import ArticleAdminForm

Status = Article.Status
TEMPLATES = "admin/articles/article/"


# Old step addresses, kept working for bookmarks: the admin now uses the API's names.
RENAMED_STEPS = {"return": "return-to-draft"}
# The steps offered on the list for several articles at once. Returning to draft is left
# out: each return carries its own note to its writer.
BULK_STEPS = ("submit", "publish", "schedule", "unpublish")


def available_transitions(user, article) -> list[tuple[str, str]]:
    """Return the (name, label) of every workflow step `user` may take with `article` now."""
    return [(step.name, step.label) for step in publishing.available_steps(user, article)]


def bulk_action(step: Step):
    """Return the list action that takes `step` for the selected articles, after confirmation."""

    def take_selected(modeladmin, request, queryset):
        return modeladmin._bulk(request, queryset, step)

    take_selected.__name__ = f"{step.name.replace('-', '_')}_selected"
    return admin.action(description=f"{step.label}: selected articles")(take_selected)


class TransitionForm(forms.Form):
    at = forms.DateTimeField(
        label="Publish at",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="In the newsroom's time zone; the article goes public at that minute.",
    )
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    anyway = forms.BooleanField(
        label="Publish anyway",
        required=False,
        help_text="Tick to publish despite the problems listed above; the article's history "
        "records that you did, and why.",
    )

    def __init__(self, *args, step: Step, blocked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if "anyway" in step.takes:
            # Publishing: confirming, and saying why, only when a blocking check stands.
            self._ask_why_anyway(blocked)
        # A publish time is asked for only where it is needed; publishing here means now.
        if "at" in step.needs:
            self.fields["at"].required = True
        else:
            del self.fields["at"]
        if "note" not in step.takes:
            del self.fields["note"]

    def _ask_why_anyway(self, blocked: bool) -> None:
        if not blocked:
            del self.fields["anyway"], self.fields["note"]
            return
        self.fields["note"].label = "Why publish it anyway"
        self.fields["note"].help_text = "Kept in the article's history with the problems above."

    def clean(self):
        data = super().clean()
        if data.get("anyway") and not (data.get("note") or "").strip():
            self.add_error("note", "Say why it goes out as it is; the history keeps the reason.")
        return data

    def service_kwargs(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if value}


class CorrectionForm(forms.Form):
    text = forms.CharField(
        label="Correction",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Shown at the foot of the article with today's date; plain text.",
    )


def _checks_for(step: Step, article) -> list:
    """Return the publishing checks to show before `step`: only publishing steps have them."""
    return publishing_checks(article) if "anyway" in step.takes else []


def _confirmations(step: Step, articles) -> list[tuple]:
    """Return each article with its checks and where it stands ("Scheduled", "Draft")."""
    return [(article, _checks_for(step, article), stage_label(article)) for article in articles]


def _blocked(confirmations: list[tuple]) -> bool:
    """Return True if a blocking check stands for any of the articles."""
    return any(check.blocking for _, checks, _ in confirmations for check in checks)


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or "You may not do that."


class WaitingForReviewFilter(admin.SimpleListFilter):
    title = "workflow"
    parameter_name = "workflow"

    def lookups(self, request, model_admin):
        return [
            (Stage.REVIEW, "Waiting for review"),
            (Stage.DRAFT, "Drafts"),
            (Stage.SCHEDULED, "Scheduled"),
            (Stage.LIVE, "Live"),
            (Stage.UNPUBLISHED, "Taken down"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        filters = {
            Stage.REVIEW: {"status": Status.IN_REVIEW},
            Stage.DRAFT: {"status": Status.DRAFT},
            Stage.SCHEDULED: {"status": Status.PUBLISHED, "published_at__gt": now},
            Stage.LIVE: {"status": Status.PUBLISHED, "published_at__lte": now},
            Stage.UNPUBLISHED: {"status": Status.UNPUBLISHED},
        }
        chosen = filters.get(self.value())
        return queryset.filter(**chosen) if chosen else queryset


class ArticleWorkflowMixin:
    """Role-aware permissions, transitions with confirmation, history, previews, recovery."""

    form = ArticleAdminForm
    change_list_template = TEMPLATES + "change_list.html"
    object_history_template = TEMPLATES + "object_history.html"
    actions = [bulk_action(STEPS[name]) for name in BULK_STEPS]

    # Who sees and changes what.

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or policy.can_view(request.user, obj))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or policy.can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or policy.can_edit_any(request.user))

    def get_readonly_fields(self, request, obj=None):
        # Status and publish time change only through the recorded transitions.
        fields = [*super().get_readonly_fields(request, obj), "status", "published_at"]
        if not policy.can_publish(request.user):
            fields.append("embargo_until")
        return fields

    def get_actions(self, request):
        # A list action is offered to those whose role may take its step at all.
        actions = super().get_actions(request)
        for name in BULK_STEPS:
            if not STEPS[name].role(request.user):
                actions.pop(bulk_action(STEPS[name]).__name__, None)
        return actions

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, unquote(object_id))
        context = dict(extra_context or {})
        if article is not None:
            context |= self._workflow_context(request, article)
        return super().change_view(request, object_id, form_url, context)

    def _workflow_context(self, request, article) -> dict:
        return {
            "workflow_transitions": available_transitions(request.user, article),
            "workflow_events": article.events.select_related("user")[:10],
            "workflow_corrections": article.corrections.all(),
            "can_correct": self._can_correct(request, article),
        }

    def _can_correct(self, request, article) -> bool:
        published_once = article.status in (Status.PUBLISHED, Status.UNPUBLISHED)
        return published_once and request.user.has_perm(policy.CORRECT)

    # URLs.

    def workflow_urls(self) -> list:
        """Return the step, correction, restore and preview URLs, for ArticleAdmin.get_urls()."""
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        workflow_urls = [
            path(
                "<path:object_id>/workflow/<str:transition>/",
                view(self.transition_view),
                name=f"{name}_transition",
            ),
            path(
                "<path:object_id>/correction/",
                view(self.correction_view),
                name=f"{name}_correction",
            ),
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                view(self.restore_view),
                name=f"{name}_restore",
            ),
            path(
                "<path:object_id>/history/<int:version_id>/preview/",
                view(self.preview_view),
                name=f"{name}_preview",
            ),
        ]
        return workflow_urls

    def _article_or_404(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None or not self.has_view_permission(request, article):
            raise Http404("No such article, or not one of yours.")
        return article

    def _admin_url(self, view: str) -> str:
        return f"admin:{self.opts.app_label}_{self.opts.model_name}_{view}"

    def _change_url(self, article):
        return reverse(self._admin_url("change"), args=[article.pk])

    def _render(self, request, template, context):
        context = {**self.admin_site.each_context(request), "opts": self.opts, **context}
        return TemplateResponse(request, TEMPLATES + template, context)

    # Transitions: one article from its page, or several from the list, after confirmation.

    def transition_view(self, request, object_id, transition):
        if transition in RENAMED_STEPS:
            return self._renamed_step(object_id, RENAMED_STEPS[transition])
        step = STEPS.get(transition)
        if step is None:
            raise Http404("No such step.")
        article = self._article_or_404(request, object_id)
        if not step.allows(request.user, article):
            raise PermissionDenied(f"You may not {step.label.lower()} this article.")
        confirmations = _confirmations(step, [article])
        form = TransitionForm(request.POST or None, step=step, blocked=_blocked(confirmations))
        if request.method == "POST" and form.is_valid():
            error = self._apply(request, step, article, form.service_kwargs())
            if error is None:
                return HttpResponseRedirect(self._change_url(article))
            form.add_error(None, error)
        context = {
            "title": step.label,
            "step": step,
            "form": form,
            "articles": confirmations,
        }
        return self._render(request, "workflow_confirmation.html", context)

    def _renamed_step(self, object_id, name):
        url = reverse(self._admin_url("transition"), args=[object_id, name])
        # 308 keeps the method: a POST from a page rendered before the rename still lands.
        return HttpResponseRedirect(url, status=308)

    def _apply(self, request, step, article, kwargs) -> str | None:
        try:
            step.service(article=article, user=request.user, **kwargs)
        except (PermissionDenied, ValidationError, StaleArticleError) as error:
            return _reason(error)
        self.message_user(request, f"{step.label}: “{article}”.", messages.SUCCESS)
        return None

    def _bulk(self, request, queryset, step):
        confirmations = _confirmations(step, queryset)
        given = request.POST if "confirm" in request.POST else None
        form = TransitionForm(given, step=step, blocked=_blocked(confirmations))
        if "confirm" not in request.POST or not form.is_valid():
            context = {
                "title": step.label,
                "step": step,
                "form": form,
                "articles": confirmations,
                "action": request.POST.get("action"),
            }
            return self._render(request, "workflow_confirmation.html", context)
        for article in queryset:
            refusal = None
            if not step.allows(request.user, article):
                refusal = f"You may not {step.label.lower()} this article now."
            error = refusal or self._apply(request, step, article, form.service_kwargs())
            if error:
                self.message_user(request, f"“{article}”: {error}", messages.ERROR)
        return None

    # Corrections.

    def correction_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        if not self._can_correct(request, article):
            raise PermissionDenied("Only an editor can correct a published article.")
        form = CorrectionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                publishing.add_correction(
                    article=article, user=request.user, text=form.cleaned_data["text"]
                )
            except (PermissionDenied, ValidationError, StaleArticleError) as error:
                form.add_error(None, _reason(error))
            else:
                self.message_user(request, "Correction added.", messages.SUCCESS)
                return HttpResponseRedirect(self._change_url(article))
        context = {"title": "Add a correction", "form": form, "article": article}
        return self._render(request, "correction_form.html", context)

    # History: compare any two revisions, preview one, restore one.

    def history_view(self, request, object_id, extra_context=None):
        article = self._article_or_404(request, object_id)
        versions = list(versions_of(article)[:200])
        by_id = {str(version.pk): version for version in versions}
        newer = by_id.get(request.GET.get("new")) or (versions[0] if versions else None)
        older = by_id.get(request.GET.get("old")) or (versions[1] if len(versions) > 1 else None)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"History: {article}",
            "article": article,
            "object": article,
            "versions": versions,
            "older": older,
            "newer": newer,
            "diffs": diff_versions(older, newer) if older and newer else [],
            "can_restore": self.has_change_permission(request, article),
            "rows": [(version, preview.share_path(version)) for version in versions],
            "share_days": preview.max_age() // 86400,
        }
        return TemplateResponse(request, self.object_history_template, context)

    def _version_or_404(self, article, version_id) -> Version:
        return get_object_or_404(versions_of(article), pk=version_id)

    def preview_view(self, request, object_id, version_id):
        article = self._article_or_404(request, object_id)
        return preview.render_preview(request, self._version_or_404(article, version_id))

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # Replaces reversion's revert form: previews live here, restores go through one step.
        return self.preview_view(request, object_id, version_id)

    def restore_view(self, request, object_id, version_id):
        article = self._article_or_404(request, object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied("You may not change this article.")
        version = self._version_or_404(article, version_id)
        if request.method == "POST":
            try:
                restore_revision(article=article, version=version, user=request.user)
            except StaleArticleError as error:
                self.message_user(request, _reason(error), messages.ERROR)
            else:
                self.message_user(request, "Restored as a new revision.", messages.SUCCESS)
            return HttpResponseRedirect(self._change_url(article))
        current = versions_of(article).first()
        context = {
            "title": "Restore this revision?",
            "article": article,
            "version": version,
            "diffs": diff_versions(current, version) if current else [],
        }
        return self._render(request, "restore_confirmation.html", context)

    # Recovering deleted articles: editors only.

    def _require_recover(self, request):
        if not (policy.can_edit_any(request.user) and self.has_add_permission(request)):
            raise PermissionDenied("Only an editor can recover deleted articles.")

    def changelist_view(self, request, extra_context=None):
        context = {"can_recover": policy.can_edit_any(request.user), **(extra_context or {})}
        # Skip VersionAdmin's revision block around the list: the bulk actions record their
        # own revisions through the services, and the list stays at its query budget.
        return admin.ModelAdmin.changelist_view(self, request, context)

    def recoverlist_view(self, request, extra_context=None):
        self._require_recover(request)
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        self._require_recover(request)
        version = get_object_or_404(deleted_versions(), pk=version_id)
        if request.method == "POST":
            try:
                article = recover_article(version=version, user=request.user)
            except ValueError as error:
                self.message_user(request, str(error), messages.ERROR)
                return HttpResponseRedirect(reverse("admin:articles_article_recoverlist"))
            self.message_user(
                request,
                f"Recovered “{article}” as a draft, with its corrections and history. "
                "Publish it again when it is ready.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(self._change_url(article))
        context = {"title": f"Recover “{version.object_repr}”?", "version": version}
        return self._render(request, "recover_confirmation.html", context)

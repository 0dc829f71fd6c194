"""The article change form that refuses to overwrite a colleague's newer save."""

from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Article
from articles.services.concurrency import current_version
from articles.services.revisions import FieldDiff, diff_fields, version_with_number, versions_of

TEXT_FIELDS = ["headline", "standfirst", "body"]


@dataclass
class Conflict:
    """Who saved the article meanwhile, when, and what they changed."""

    who: str
    when: datetime | None
    changes: list[FieldDiff]
    changes_label: str

    @property
    def message(self) -> str:
        when = timezone.localtime(self.when).strftime("%H:%M on %d %B %Y") if self.when else ""
        saved = f"{self.who} saved this article{f' at {when}' if when else ''}"
        return (
            f"{saved} while you were editing it, so your changes were NOT saved. Your text is "
            "still in the form below. Compare it with their changes shown above the form, then "
            "save again to keep your version over theirs, or copy what you need and reload."
        )


def _display_name(user) -> str:
    if user is None:
        return "Someone"
    return user.get_full_name() or user.get_username()


def describe_conflict(article: Article, expected: int, mine: dict) -> Conflict:
    """Describe what happened to `article` since the writer loaded version `expected`."""
    latest = versions_of(article).first()
    stored = Article.objects.filter(pk=article.pk).values(*TEXT_FIELDS).first() or {}
    base = version_with_number(article, expected)
    if base is not None:
        changes, label = diff_fields(base.field_dict, stored), "What they changed"
    else:
        changes, label = diff_fields(stored, mine), "The saved text compared with yours"
    return Conflict(
        who=_display_name(latest.revision.user) if latest else "Someone",
        when=latest.revision.date_created if latest else None,
        changes=changes,
        changes_label=label,
    )


class ArticleAdminForm(forms.ModelForm):
    """The article form; ModelAdmin binds it to Article with the fields it shows."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    conflict: Conflict | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["expected_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        expected = cleaned.get("expected_version")
        # Locks the row (PostgreSQL) until this request's transaction ends, so no other
        # save can slip in between this check and the conditional update in save_model.
        current = current_version(article_id=self.instance.pk, lock=True)
        if expected is not None and expected == current:
            return cleaned
        self.conflict = describe_conflict(self.instance, expected or 0, cleaned)
        self._accept_version(current)
        raise ValidationError(self.conflict.message, code="stale")

    def _accept_version(self, current: int | None) -> None:
        # The writer has now been shown the other save; saving again is a knowing choice.
        self.data = self.data.copy()
        self.data[self.add_prefix("expected_version")] = str(current or "")

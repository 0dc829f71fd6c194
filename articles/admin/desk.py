"""The editor's desk: the rich-text body editor, counters, pre-publish warnings and list helpers."""

from datetime import datetime, time

from django import forms
from django.contrib import admin
from django.db.models import Prefetch
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.html import format_html
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget

from articles.models import Article, ArticleImage
from articles.sanitize import sanitize_html
from articles.services.checks import publishing_checks
from images.admin import thumbnail_html

from .autosave import autosave_context

# Only what a story needs; the server-side allow-list (articles/sanitize.py) is the backstop.
BODY_EXTENSIONS = {
    "Heading": {"levels": [2, 3]},
    "Bold": True,
    "Italic": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Figure": {"pickerUrl": reverse_lazy("admin:images_image_picker")},
    "Caption": True,
    # static/admin-desk/figure.js (DJANGO_PROSE_EDITOR_EXTENSIONS in the settings).
    "Credit": True,
    "Image": True,
}
COUNTED_FIELDS = ("headline", "seo_title", "seo_description")
WORDS_PER_MINUTE = 230


def allow_credit(config, shared_config):
    """Let the editor's allow-list keep the caption's <span class="credit">."""
    shared_config["tags"].add("span")
    shared_config.setdefault("allowed_classes", {}).setdefault("span", set()).add("credit")


class BodyEditorField(ProseEditorFormField):
    """The article body as a rich-text editor whose output is sanitised like every save."""

    def __init__(self, *args, **kwargs):
        kwargs.pop("max_length", None)
        super().__init__(
            *args,
            config={"extensions": BODY_EXTENSIONS},
            sanitize=sanitize_html,
            widget=AdminProseEditorWidget,
            **kwargs,
        )


class HeadlineField(forms.CharField):
    """The headline in a wrapping, growing box, so the whole of it shows; always one line."""

    def __init__(self, *args, **kwargs):
        kwargs["widget"] = forms.Textarea(attrs={"rows": 2, "class": "desk-headline"})
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        # The box wraps; a line break typed or pasted into it is only a space.
        return " ".join(super().to_python(value).split())


class QuickFilter(admin.SimpleListFilter):
    title = "quick filters"
    parameter_name = "desk"

    def lookups(self, request, model_admin):
        return [("mine", "Mine"), ("review", "Needs review"), ("today", "Published today")]

    def queryset(self, request, queryset):
        if self.value() == "mine":
            return queryset.filter(created_by=request.user)
        if self.value() == "review":
            return queryset.filter(status=Article.Status.IN_REVIEW)
        if self.value() == "today":
            start = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
            return queryset.published().filter(published_at__gte=start)
        return queryset


def with_lead_thumbnails(queryset):
    """Fetch each listed article's lead picture and its renditions in two extra queries."""
    leads = ArticleImage.objects.filter(is_lead=True).select_related("image")
    leads = leads.prefetch_related("image__renditions")
    return queryset.prefetch_related(Prefetch("images", leads, to_attr="desk_leads"))


class ArticleDeskMixin:
    """Give ArticleAdmin the rich-text body, counters, warnings, thumbnails and badges."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "body":
            return BodyEditorField(required=False, label="Body", help_text=db_field.help_text)
        if db_field.name == "headline":
            kwargs["form_class"] = HeadlineField
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in COUNTED_FIELDS and field is not None:
            field.widget.attrs["data-desk-limit"] = db_field.max_length
        return field

    def get_list_display(self, request):
        shown = [
            "status_badge" if name == "status" else name
            for name in super().get_list_display(request)
        ]
        return ["lead_thumbnail", *shown]

    @admin.display(description="Lead image")
    def lead_thumbnail(self, article):
        lead = next(iter(getattr(article, "desk_leads", [])), None)
        if lead is None or lead.needs_file:
            return "—"
        return thumbnail_html(lead.image) if lead.image_id else thumbnail_html_file(lead)

    @admin.display(description="Status", ordering="status")
    def status_badge(self, article):
        return format_html(
            '<span class="desk-badge desk-badge--{}">{}</span>',
            article.status,
            article.get_status_display(),
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Shown once, in a panel of the form, rather than as messages repeated on each visit.
        context["publishing_checks"] = publishing_checks(obj) if obj is not None else []
        context.update(autosave_context(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)


def thumbnail_html_file(item: ArticleImage):
    """Return a small <img> for an article image uploaded without the library."""
    return format_html('<img src="{}" alt="" height="48" class="desk-thumb">', item.file.url)

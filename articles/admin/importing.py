"""The admin's Import article page: paste or upload copy, check the preview, create the draft."""

from django import forms
from django.contrib import messages
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.safestring import mark_safe

from articles.importers.source import MAX_BYTES
from articles.models import ArticleImage, Byline, Section, Tag, TaggedArticle
from articles.sanitize import sanitize_html
from articles.services import policy
from articles.services.importing import (
    ImportPlan,
    ImportRejected,
    ImportReview,
    import_article,
    plan_import,
    suggest_people,
    suggested_standfirst,
)

from .widgets import LabelledAutocompleteSelect

NEW_PERSON = "A new person (flagged for review)"


class ImportForm(forms.Form):
    text = forms.CharField(
        label="Paste the copy",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 18, "cols": 90}),
        help_text="The headline on the first line, then the story as it came.",
    )
    upload = forms.FileField(label="…or upload a file", required=False)
    format = forms.ChoiceField(
        choices=[("text", "Plain text"), ("ninjs", "ninjs (IPTC JSON)")], initial="text"
    )
    section = forms.ModelChoiceField(
        Section.objects.with_ancestors(),
        required=False,
        help_text="Leave empty to use the section named in the copy’s “Next In” list, "
        "or else the first top-level section.",
    )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        raw = self._raw_input(data)
        slug = data["section"].slug if data.get("section") else ""
        try:
            self.plan = plan_import(data=raw, fmt=data["format"], section_slug=slug)
        except ImportRejected as error:
            raise ValidationError(str(error)) from error
        self.raw = raw
        return data

    def _raw_input(self, data) -> bytes:
        text, upload = data.get("text") or "", data.get("upload")
        if upload and text.strip():
            raise ValidationError("Paste the copy or upload a file, not both.")
        if upload:
            if upload.size > MAX_BYTES:
                raise ValidationError(
                    f"The file is {upload.size / 1048576:.1f} MB; the limit is 2 MB."
                )
            return upload.read()
        if not text.strip():
            raise ValidationError("The input is empty: paste the copy or upload a file.")
        return text.encode("utf-8")


class ImportReviewForm(forms.Form):
    """The editable preview: what the import recognised, for the editor to correct.

    Bylines, people and related items are rows keyed by their place in the plan, with a
    "keep" box each; the same copy always plans the same rows.
    """

    section = forms.ModelChoiceField(Section.objects.with_ancestors())
    headline = forms.CharField(max_length=200, widget=forms.TextInput(attrs={"size": 90}))
    kicker = forms.CharField(max_length=60, required=False)
    standfirst = forms.CharField(
        max_length=600,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 90}),
        help_text="Suggested from the first paragraph when the copy has none.",
    )
    dateline = forms.CharField(max_length=100, required=False)
    tags = forms.ModelMultipleChoiceField(
        Tag.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    new_tags = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="New tags the story proposes",
        help_text="Created on import, if you may add tags.",
    )
    related = forms.TypedMultipleChoiceField(
        coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, plan: ImportPlan, admin_site, **kwargs):
        self.plan = plan
        kwargs.setdefault("initial", self._initial(plan))
        super().__init__(*args, prefix="review", **kwargs)
        self._add_library_pickers(admin_site)
        suggested = {tag.pk: tag for tag in plan.tags}
        self.fields["tags"].queryset = Tag.objects.filter(pk__in=suggested)
        self.fields["tags"].label_from_instance = lambda tag: (
            f"{tag.name} — {plan.tag_reasons.get(tag.pk, '')}".rstrip(" —")
        )
        self.fields["new_tags"].choices = [
            (tag.name, f"{tag.name} ({Tag.Kind(tag.kind).label.lower()}) — "
                       f"{plan.new_tag_reasons.get(tag.name, '')}".rstrip(" —"))
            for tag in plan.new_tags
        ]  # fmt: skip
        self.fields["related"].choices = [
            (n, f"{item.title}{' (links to our article)' if item.target else ''}")
            for n, item in enumerate(plan.related)
        ]
        for n, byline in enumerate(plan.bylines):
            self.fields[f"byline_{n}_keep"] = forms.BooleanField(
                required=False, initial=True, label=f"Keep {byline.name}"
            )
            self.fields[f"byline_{n}_role"] = forms.ChoiceField(
                choices=Byline.Role.choices, initial=byline.role, label=f"{byline.name}’s role"
            )
            self.fields[f"byline_{n}_match"] = who_is(byline.name, byline.similar, byline.person)
        for n, planned in enumerate(plan.people):
            self.fields[f"person_{n}_keep"] = forms.BooleanField(
                required=False, initial=True, label=f"Keep {planned.found.name}"
            )
            self.fields[f"person_{n}_role"] = forms.CharField(
                max_length=255,
                required=False,
                initial=planned.found.role_phrase,
                label=f"How the story describes {planned.found.name}",
            )
            self.fields[f"person_{n}_match"] = who_is(
                planned.found.name, planned.similar, planned.person
            )

    @staticmethod
    def _initial(plan: ImportPlan) -> dict:
        parsed = plan.parsed
        return {
            "section": plan.section,
            "headline": parsed.headline,
            "kicker": parsed.kicker,
            "standfirst": suggested_standfirst(plan),
            "dateline": parsed.dateline,
            "tags": [tag.pk for tag in plan.tags],
            "new_tags": [tag.name for tag in plan.new_tags],
            "related": list(range(len(plan.related))),
        }

    def _add_library_pickers(self, admin_site) -> None:
        """Add the lead picture and extra tags, picked from the library as on the change form."""
        image = ArticleImage._meta.get_field("image")
        tag = TaggedArticle._meta.get_field("tag")
        self.fields["lead_image"] = forms.ModelChoiceField(
            image.related_model.objects.all(),
            required=False,
            label="Lead picture",
            help_text="From the image library; leave empty to add one later.",
            widget=LabelledAutocompleteSelect(image, admin_site),
        )
        self.fields["more_tags"] = forms.ModelMultipleChoiceField(
            Tag.objects.all(),
            required=False,
            label="More tags",
            help_text="Existing tags the suggestions missed.",
            widget=AutocompleteSelectMultiple(tag, admin_site),
        )

    def article_fields(self) -> list:
        """Return the article's own fields, in the order of the change form."""
        names = ["section", "headline", "kicker", "standfirst", "dateline", "lead_image"]
        return [self[name] for name in names]

    def byline_rows(self) -> list[tuple]:
        return [(self[f"byline_{n}_keep"], self[f"byline_{n}_role"], self[f"byline_{n}_match"],
                 byline) for n, byline in enumerate(self.plan.bylines)]  # fmt: skip

    def people_rows(self) -> list[tuple]:
        return [(self[f"person_{n}_keep"], self[f"person_{n}_role"], self[f"person_{n}_match"],
                 planned) for n, planned in enumerate(self.plan.people)]  # fmt: skip

    def _picked(self, kind: str, place: int):
        """Return the existing person picked for the `kind` ("person", "byline") at `place`,
        or None for a new one; only someone offered can be picked."""
        chosen = self.cleaned_data[f"{kind}_{place}_match"]
        planned = (self.plan.people if kind == "person" else self.plan.bylines)[place]
        return {person.pk: person for person, _ in planned.similar}.get(chosen)

    def review(self) -> ImportReview:
        """Return the editor's choices, for the import service to apply."""
        data = self.cleaned_data
        bylines = [n for n in range(len(self.plan.bylines)) if data[f"byline_{n}_keep"]]
        people = [n for n in range(len(self.plan.people)) if data[f"person_{n}_keep"]]
        return ImportReview(
            section=data["section"],
            headline=data["headline"],
            kicker=data["kicker"],
            standfirst=data["standfirst"],
            dateline=data["dateline"],
            lead_image=data["lead_image"],
            bylines=bylines,
            byline_roles={n: data[f"byline_{n}_role"] for n in bylines},
            people=people,
            role_phrases={n: data[f"person_{n}_role"] for n in people},
            person_picks={n: self._picked("person", n) for n in people},
            byline_picks={n: self._picked("byline", n) for n in bylines},
            tags=list(dict.fromkeys([*data["tags"], *data["more_tags"]])),
            new_tags=data["new_tags"],
            related=data["related"],
        )


def who_is(name: str, similar: list, matched) -> forms.TypedChoiceField:
    """Return the choice of who `name` is: a person on file like them, or a new person."""
    return forms.TypedChoiceField(
        choices=[("", NEW_PERSON), *((p.pk, alike(p, score)) for p, score in similar)],
        coerce=int,
        empty_value=None,
        required=False,
        initial=matched.pk if matched else "",
        label=f"Who {name} is in Masthead",
    )


def alike(person, score: int) -> str:
    """Return how a person on file is offered: name, who they are, how alike the names are."""
    who = f" — {person.description}" if person.description else ""
    return f"{person.full_name}{who} ({score}% alike)"


IMPORTED_BY_A_COLLEAGUE = (
    "This copy was imported before, as an article you cannot open; ask an editor for it. "
    "Nothing was created."
)


class ImportArticleMixin:
    """Add the Import article page to the article admin."""

    def import_urls(self) -> list:
        """Return the Import article page's URL, for ArticleAdmin.get_urls()."""
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name="articles_article_import")]

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method != "POST" or not form.is_valid():
            return self._render_import(request, "admin/articles/import_form.html", form)
        confirming = "confirm" in request.POST
        existing = form.plan.existing
        if confirming and existing and policy.may_read(request.user, existing):
            return self._create(request, form, review=None)  # opens the article already there
        if confirming and existing:
            messages.warning(request, IMPORTED_BY_A_COLLEAGUE)
            return redirect("admin:articles_article_import")
        suggest_people(form.plan)
        review = ImportReviewForm(
            request.POST if confirming else None, plan=form.plan, admin_site=self.admin_site
        )
        if confirming and review.is_valid():
            return self._create(request, form, review=review.review())
        return self._render_import(
            request, "admin/articles/import_preview.html", form, form.plan, review
        )

    def _create(self, request, form, *, review: ImportReview | None):
        data = form.cleaned_data
        outcome = import_article(
            data=form.raw,
            fmt=data["format"],
            section_slug=data["section"].slug if data.get("section") else "",
            user=request.user,
            review=review,
        )
        if outcome.created:
            messages.success(request, f"Created the draft “{outcome.article}”. Check it here.")
        else:
            messages.warning(request, "This copy was imported before; here is that article.")
        return redirect(outcome.admin_url)

    def _render_import(self, request, template, form, plan=None, review=None):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Import article",
            "form": form,
            "plan": plan,
            # The earlier import is named only to those who may read it.
            "existing_shown": bool(plan and plan.existing)
            and policy.may_read(request.user, plan.existing),
            "review": review,
            "media": self.media + (review.media if review else forms.Media()),
            "changelist_url": reverse("admin:articles_article_changelist"),
        }
        if plan and plan.parsed.body_html:
            context["body_preview"] = mark_safe(sanitize_html(plan.parsed.body_html))
        return render(request, template, context)

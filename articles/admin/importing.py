"""The admin's Import article page: paste or upload copy, check the preview, create the draft."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.safestring import mark_safe

from articles.importers.source import MAX_BYTES
from articles.models import Section
from articles.sanitize import sanitize_html
from articles.services.importing import ImportRejected, import_article, plan_import


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
        if request.method == "POST" and form.is_valid():
            if "confirm" in request.POST:
                return self._create(request, form)
            return self._render_import(
                request, "admin/articles/import_preview.html", form, form.plan
            )
        return self._render_import(request, "admin/articles/import_form.html", form)

    def _create(self, request, form):
        data = form.cleaned_data
        outcome = import_article(
            data=form.raw,
            fmt=data["format"],
            section_slug=data["section"].slug if data.get("section") else "",
            user=request.user,
        )
        if outcome.created:
            messages.success(request, f"Created the draft “{outcome.article}”. Check it here.")
        else:
            messages.warning(request, "This copy was imported before; here is that article.")
        return redirect(outcome.admin_url)

    def _render_import(self, request, template, form, plan=None):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Import article",
            "form": form,
            "plan": plan,
            "changelist_url": reverse("admin:articles_article_changelist"),
        }
        if plan and plan.parsed.body_html:
            context["body_preview"] = mark_safe(sanitize_html(plan.parsed.body_html))
        return render(request, template, context)

"""The admin of old addresses, and of imports: upload, read the dry run, then import."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html

from moving import tasks
from moving.models import ImportRun, Redirect
from moving.report import report_lines


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    """Old addresses of articles; each answers 301 to wherever its article lives now."""

    list_display = ["old_path", "article", "created_at"]
    search_fields = ["old_path", "article__headline"]
    raw_id_fields = ["article"]


class ImportForm(forms.ModelForm):
    class Meta:
        model = ImportRun
        fields = ["source", "file"]
        help_texts = {
            "file": "WordPress: Tools › Export › All content (an .xml file). "
            "Ghost: Settings › Advanced › Export (a .json file).",
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.IMPORT_UPLOAD_LIMIT_MB
        if upload.size > limit * 1_048_576:
            raise forms.ValidationError(
                f"This file is {upload.size / 1_048_576:,.0f} MB; the admin takes exports of up "
                f"to {limit} MB. Import a larger one with manage.py import_wordpress or "
                "import_ghost on the server."
            )
        return upload


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """Upload an export: the worker checks it (a dry run), then imports it when asked."""

    form = ImportForm
    list_display = ["__str__", "source", "state", "progress", "created_by"]
    readonly_fields = ["state", "progress", "report_text", "created_by"]

    def get_fields(self, request, obj=None):
        return ["source", "file"] if obj is None else self.readonly_fields

    def has_change_permission(self, request, obj=None):
        return False if obj is not None else super().has_change_permission(request, obj)

    @admin.display(description="Progress")
    def progress(self, run: ImportRun) -> str:
        return f"{run.done:,} of {run.total:,} posts" if run.total else "–"

    @admin.display(description="Report")
    def report_text(self, run: ImportRun) -> str:
        if not run.report:
            return "The worker has not finished checking this export yet; this page refreshes."
        if "error" in run.report:
            return run.report["error"]
        return format_html("<pre>{}</pre>", "\n".join(report_lines(run.report)))

    def save_model(self, request, obj, form, change):
        obj.created_by = request.user
        super().save_model(request, obj, form, change)
        transaction.on_commit(lambda: tasks.check_import.enqueue(obj.pk))

    def get_urls(self):
        start = self.admin_site.admin_view(self.start_import)
        return [path("<int:pk>/import/", start, name="moving_importrun_start"), *super().get_urls()]

    def start_import(self, request, pk: int):
        """Import a checked export for real, in the worker."""
        if request.method != "POST" or not self.has_add_permission(request):
            return HttpResponseRedirect(reverse("admin:moving_importrun_changelist"))
        updated = ImportRun.objects.filter(pk=pk, state=ImportRun.State.CHECKED).update(
            state=ImportRun.State.QUEUED
        )
        if updated:
            transaction.on_commit(lambda: tasks.perform_import.enqueue(pk))
            messages.success(
                request, "The import is waiting for the worker; this page shows its progress."
            )
        else:
            messages.error(
                request, "Only a checked export that has not been imported yet can be imported."
            )
        return HttpResponseRedirect(reverse("admin:moving_importrun_change", args=[pk]))

"""The person change page, with the articles naming them that the viewer may read."""

from django.contrib import admin, messages
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from articles.models import Article
from articles.services import policy
from articles.services.people import merge_people
from people.admin import PersonPages
from people.models import Person

from .widgets import LabelledAutocompleteMixin

ARTICLES_SHOWN = 20


class PersonCoverage:
    """Add the articles naming a person, as far as the viewer may read them, to their page."""

    def get_object(self, request, object_id, from_field=None):
        person = super().get_object(request, object_id, from_field)
        if person is not None:
            person.viewer = request.user  # the list below shows only what they may read
        return person

    @admin.display(description="Articles")
    def articles(self, person):
        """List the articles this viewer may read that carry this person's byline or name them."""
        viewer = getattr(person, "viewer", None)
        if not person.pk or viewer is None:
            return "—"
        readable = policy.readable_articles(viewer, Article.objects.all())
        links = [
            (reverse("admin:articles_article_change", args=[row.article_id]), row.article, label)
            for label, rows in (("byline", person.bylines), ("mentioned", person.mentions))
            for row in rows.filter(article__in=readable)
            .select_related("article")
            .order_by("-article__pk")[:ARTICLES_SHOWN]
        ]
        if not links:
            return "No articles yet."
        return format_html(
            "<ul>{}</ul>", format_html_join("", '<li><a href="{}">{}</a> ({})</li>', links)
        )


class PersonMerging:
    """The list action that merges duplicate people into the one to keep."""

    actions = ["merge_selected"]

    @admin.action(description="Merge selected people into one", permissions=["delete"])
    def merge_selected(self, request, queryset):
        people = list(queryset)
        target = next((p for p in people if str(p.pk) == request.POST.get("target")), None)
        if target is None or len(people) < 2:
            context = {**self.admin_site.each_context(request), "people": people, "opts": self.opts}
            return render(request, "admin/people/person/merge_confirmation.html", context)
        touched = merge_people(target=target, duplicates=people)
        self.message_user(
            request,
            f"Merged {len(people) - 1} person(s) into “{target}”; {touched} article(s) now "
            "name them. Their old names are aliases and their old pages lead to this one.",
            messages.SUCCESS,
        )
        return None


class PersonCoverageAdmin(
    LabelledAutocompleteMixin, PersonMerging, PersonCoverage, PersonPages, admin.ModelAdmin
):
    readonly_fields = ["articles", *PersonPages.readonly_fields]
    fieldsets = [
        *PersonPages.fieldsets[:-1],
        ("Coverage", {"fields": ["articles", "created_at", "updated_at"]}),
    ]


admin.site.unregister(Person)
admin.site.register(Person, PersonCoverageAdmin)

"""Editors choose and order the stories of each front; the saves go through the service."""

from django.contrib import admin

from articles.admin.widgets import LabelledAutocompleteMixin

from .models import Front, Slot
from .services import SlotChoice, delete_front, write_front


class SlotInline(LabelledAutocompleteMixin, admin.TabularInline):
    model = Slot
    extra = 3
    autocomplete_fields = ["article"]
    fields = ["place", "position", "article", "starts_at"]


@admin.register(Front)
class FrontAdmin(LabelledAutocompleteMixin, admin.ModelAdmin):
    inlines = [SlotInline]
    list_display = ["__str__"]
    autocomplete_fields = ["section"]

    def save_model(self, request, obj, form, change):
        # The slots are written with the front, in save_related, by the one service.
        if not change:
            obj.pk = write_front(section=obj.section, slots=[]).pk
            obj._state.adding = False
        elif "section" in form.changed_data:
            obj.save(update_fields=["section"])

    def save_related(self, request, form, formsets, change):
        form.save_m2m()
        slots = [choice for formset in formsets for choice in slot_choices(formset)]
        write_front(section=form.instance.section, slots=slots)

    def construct_change_message(self, request, form, formsets, add):
        # The formsets never save themselves here (the service writes the slots), so the
        # history names the slots as changed rather than listing rows the formsets kept.
        message = super().construct_change_message(request, form, [], add)
        if any(formset.has_changed() for formset in formsets):
            message.append({"changed": {"fields": ["slots"]}})
        return message

    def delete_model(self, request, obj):
        delete_front(front=obj)

    def delete_queryset(self, request, queryset):
        for front in queryset:
            delete_front(front=front)


def slot_choices(formset) -> list[SlotChoice]:
    """Return the slots an inline formset keeps, in the form of the service's choices."""
    return [
        SlotChoice(
            article=data["article"],
            place=data["place"],
            position=data["position"],
            starts_at=data.get("starts_at"),
        )
        for data in formset.cleaned_data
        if data and data.get("article") and not data.get("DELETE")
    ]

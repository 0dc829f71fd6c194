"""Administrators' pages: endpoints, their delivery log, a test event, redelivery.

The secret is shown once, in the answer to the form that made or rotated it (never stored
in a session, never on a later page). Every write goes through webhooks/services.py.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html

from . import kinds, services
from .models import Attempt, Delivery, Endpoint

SHOWN_DELIVERIES = 50
SHOWN_ATTEMPTS = 100


class EndpointForm(forms.ModelForm):
    events = forms.MultipleChoiceField(
        choices=kinds.choices,  # a callable: the kinds registered by every app's ready()
        widget=forms.CheckboxSelectMultiple,
        help_text="What the endpoint hears about.",
    )

    class Meta:
        model = Endpoint
        fields = ["url", "description", "events", "section", "topic", "payload_format", "active"]

    def clean(self):
        cleaned = super().clean()
        if "url" in cleaned and "events" in cleaned:
            try:
                services.validate(url=cleaned["url"], events=cleaned["events"])
            except ValidationError as error:
                for name, problems in error.message_dict.items():
                    self.add_error(name, problems)
        return cleaned


@admin.register(Endpoint)
class EndpointAdmin(admin.ModelAdmin):
    form = EndpointForm
    list_display = ["url", "description", "subscribed", "payload_format", "active", "disabled"]
    list_filter = ["active", "payload_format"]
    search_fields = ["url", "description"]
    raw_id_fields = ["section", "topic"]
    readonly_fields = ["state", "log_link"]
    fieldsets = [
        (None, {"fields": ["url", "description", "events", "payload_format", "active"]}),
        ("Only some articles", {"fields": ["section", "topic"], "classes": ["collapse"]}),
        ("Deliveries", {"fields": ["state", "log_link"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        return self.fieldsets if obj else self.fieldsets[:2]

    @admin.display(description="Events")
    def subscribed(self, endpoint):
        return ", ".join(endpoint.events)

    @admin.display(description="Disabled because")
    def disabled(self, endpoint):
        return endpoint.disabled_reason or "–"

    @admin.display(description="State")
    def state(self, endpoint):
        if endpoint.active:
            return "Active" + (f", failing since {endpoint.failing_since:%d %b %H:%M}"
                               if endpoint.failing_since else "")  # fmt: skip
        return f"Disabled: {endpoint.disabled_reason or 'by an administrator'}"

    @admin.display(description="Delivery log")
    def log_link(self, endpoint):
        url = reverse("admin:webhooks_endpoint_deliveries", args=[endpoint.pk])
        return format_html('<a href="{}">Deliveries, attempts, test and redeliver</a>', url)

    # Writes: the services.

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in EndpointForm.Meta.fields}
        if change:
            services.update_endpoint(endpoint=obj, user=request.user, **fields)
        else:
            endpoint, secret = services.create_endpoint(user=request.user, **fields)
            # Kept on this request alone, for response_add to show once.
            obj.pk, request._webhook_secret = endpoint.pk, secret

    def response_add(self, request, obj, post_url_continue=None):
        return self.show_secret(request, obj, request._webhook_secret, "made")

    def delete_model(self, request, obj):
        services.delete_endpoint(endpoint=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for endpoint in queryset:
            services.delete_endpoint(endpoint=endpoint, user=request.user)

    def show_secret(self, request, endpoint, secret, done):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "endpoint": endpoint,
            "secret": secret,
            "done": done,
            "title": "The endpoint's secret",
        }
        response = TemplateResponse(request, "admin/webhooks/endpoint/secret.html", context)
        add_never_cache_headers(response)
        return response

    # The delivery log and its actions.

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/deliveries/", view(self.deliveries_view),
                 name="webhooks_endpoint_deliveries"),
            path("<path:object_id>/test/", view(self.test_view), name="webhooks_endpoint_test"),
            path("<path:object_id>/redeliver/", view(self.redeliver_view),
                 name="webhooks_endpoint_redeliver"),
            path("<path:object_id>/rotate/", view(self.rotate_view),
                 name="webhooks_endpoint_rotate"),
            *super().get_urls(),
        ]  # fmt: skip

    def _endpoint(self, request, object_id, *, change: bool) -> Endpoint:
        allowed = self.has_change_permission if change else self.has_view_permission
        if not allowed(request):
            raise PermissionDenied
        endpoint = self.get_object(request, unquote(object_id))
        if endpoint is None:
            raise Http404("No such endpoint.")
        return endpoint

    def deliveries_view(self, request, object_id):
        endpoint = self._endpoint(request, object_id, change=False)
        deliveries = Delivery.objects.filter(endpoint=endpoint).order_by("-pk")
        attempts = Attempt.objects.filter(delivery__endpoint=endpoint).select_related("delivery")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "endpoint": endpoint,
            "title": f"Delivery log of {endpoint.url}",
            "deliveries": deliveries[:SHOWN_DELIVERIES],
            "attempts": attempts.order_by("-at", "-pk")[:SHOWN_ATTEMPTS],
            "failed": deliveries.filter(state=Delivery.State.FAILED).exists(),
            "may_change": self.has_change_permission(request, endpoint),
        }
        return TemplateResponse(request, "admin/webhooks/endpoint/deliveries.html", context)

    def _back_to_log(self, endpoint):
        return HttpResponseRedirect(
            reverse("admin:webhooks_endpoint_deliveries", args=[endpoint.pk])
        )

    def test_view(self, request, object_id):
        endpoint = self._endpoint(request, object_id, change=True)
        if request.method == "POST":
            services.send_test(endpoint=endpoint)
            if endpoint.active:
                messages.success(request, "A test event is queued; the worker sends it shortly.")
            else:
                messages.warning(request, "A test event is queued; it is sent once the "
                                 "endpoint is active again.")  # fmt: skip
        return self._back_to_log(endpoint)

    def redeliver_view(self, request, object_id):
        endpoint = self._endpoint(request, object_id, change=True)
        if request.method == "POST":
            chosen = Delivery.objects.filter(endpoint=endpoint)
            if one := request.POST.get("delivery"):
                if not one.isdigit():
                    return self._back_to_log(endpoint)
                chosen = chosen.filter(pk=one)
            count = services.redeliver(deliveries=chosen)
            messages.success(request, f"{count} failed deliveries are queued again.")
        return self._back_to_log(endpoint)

    def rotate_view(self, request, object_id):
        endpoint = self._endpoint(request, object_id, change=True)
        if request.method != "POST":
            return HttpResponseRedirect(
                reverse("admin:webhooks_endpoint_change", args=[endpoint.pk])
            )
        secret = services.rotate_secret(endpoint=endpoint, user=request.user)
        return self.show_secret(request, endpoint, secret, "rotated")

from django.apps import AppConfig

# The articles' kinds partners do not hear as such: a scheduled article is not public yet,
# and its going live is, for a partner, its publication.
NOT_SENT = {"article.scheduled"}
SENT_AS = {"article.went_live": "article.published"}


def label(kind: str) -> str:
    """Return "Article published" for article.published."""
    subject, happened = kind.split(".", 1)
    return f"{subject.capitalize()} {happened.replace('_', ' ')}"


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = "Webhooks"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from articles.changes import ARTICLE_KINDS
        from events.registry import register_periodic

        from . import payloads
        from .kinds import register_kind
        from .sending import send_due
        from .services import prune_log

        # What each kind sends; any other: the public article, while it is public.
        builders = {
            "article.published": payloads.published_data,
            "article.unpublished": payloads.leaving_data,
            "article.deleted": payloads.leaving_data,
        }
        for kind in ARTICLE_KINDS:
            if kind in NOT_SENT or kind in SENT_AS:
                continue
            recorded_as = [kind, *(other for other, sent in SENT_AS.items() if sent == kind)]
            build = builders.get(kind, payloads.article_event_data)
            register_kind(kind, label(kind), build=build, recorded_as=recorded_as)
        # Live coverage's entries (live/services.py records them).
        from .live_kinds import register_live_kinds

        register_live_kinds()
        # Every turn of the worker sends what is due (one indexed query when nothing is).
        register_periodic("webhooks-send", send_due, seconds=0)
        # The delivery log keeps WEBHOOK_LOG_DAYS of settled deliveries.
        register_periodic("webhooks-prune", prune_log, seconds=3600)

from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "live"
    verbose_name = "Live coverage"

    def ready(self):
        import reversion
        from django.db.models import Exists, OuterRef

        from articles import pagecache as article_pages
        from articles import pages
        from events import registry

        from . import pagecache, views
        from .models import Entry, EntryAuthor, LiveCoverage
        from .services import ALL_KINDS

        reversion.register(Entry, follow=["entry_authors"])
        reversion.register(EntryAuthor)
        pages.register(
            "live",
            lambda: Exists(LiveCoverage.objects.filter(pk=OuterRef("pk"))),
            views.live_article,
        )
        registry.register("pagecache-live", pagecache.bump_for, kinds=ALL_KINDS, at_commit=True)
        registry.register(
            "purge-live", pagecache.purge_for, kinds=ALL_KINDS, wanted=article_pages.purging
        )

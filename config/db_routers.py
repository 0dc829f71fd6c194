"""Send reads to the replica and everything else to the primary."""

from core.db import reading_from_primary

# Django's database cache (page-cache tag versions, throttles): each read must be current.
PRIMARY_ONLY_APPS = {"django_cache"}


class PrimaryReplicaRouter:
    """Read from `replica`, write to `default`; both hold the same data.

    Work done at commit (events' effects, which decide what the page cache must forget) and
    the shared cache read the primary: a lagging replica would make a stale page look fresh.
    """

    def db_for_read(self, model, **hints):
        """Return the replica for reads, the primary where they must see the last commit."""
        if reading_from_primary() or model._meta.app_label in PRIMARY_ONLY_APPS:
            return "default"
        return "replica"

    def db_for_write(self, model, **hints):
        """Return the primary for writes."""
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        """Allow relations: the replica mirrors the primary."""
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        """Migrate the primary only; replication copies the schema."""
        return db == "default"

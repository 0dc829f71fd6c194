"""Send reads to the replica and everything else to the primary."""


class PrimaryReplicaRouter:
    """Read from `replica`, write to `default`; both hold the same data."""

    def db_for_read(self, model, **hints):
        """Return the replica for reads."""
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

"""The FTS5 match column and its `__match` lookup."""

from django.db import models


class FtsMatchField(models.TextField):
    """FTS5's hidden column named after its table; `__match` runs a full-text query."""


@FtsMatchField.register_lookup
class Match(models.Lookup):
    lookup_name = "match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]

"""Filter and order articles by a list of ids ranked beforehand, in one SQL parameter each.

An `IN (%s, %s, …)` list or a CASE arm per id costs Django and the database far more than
these: the whole list travels as one string (SQLite) or one array (PostgreSQL).
"""

import json

from django.db import NotSupportedError
from django.db.models import BooleanField, F, Func, IntegerField


class _IdListFunc(Func):
    def __init__(self, ids: list[int], field: str = "pk"):
        super().__init__(F(field))
        self.ids = [int(pk) for pk in ids]

    def as_sql(self, compiler, connection, **extra):
        raise NotSupportedError("Ranked id lists work on PostgreSQL and SQLite only.")

    def compile_pk(self, compiler) -> tuple[str, list]:
        return compiler.compile(self.source_expressions[0])


class Listed(_IdListFunc):
    """True for rows whose id is in `ids`."""

    output_field = BooleanField()

    def as_sqlite(self, compiler, connection, **extra):
        pk, params = self.compile_pk(compiler)
        return f"{pk} IN (SELECT value FROM json_each(%s))", [*params, json.dumps(self.ids)]

    def as_postgresql(self, compiler, connection, **extra):
        pk, params = self.compile_pk(compiler)
        return f"{pk} = ANY(%s::bigint[])", [*params, self.ids]


class ListedFirst(_IdListFunc):
    """Minus the 1-based place of each row's id in `ids`: ids listed earlier score higher."""

    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        pk, params = self.compile_pk(compiler)
        listed = "," + ",".join(map(str, self.ids)) + ","
        return f"-instr(%s, ',' || {pk} || ',')", [listed, *params]

    def as_postgresql(self, compiler, connection, **extra):
        pk, params = self.compile_pk(compiler)
        return f"-array_position(%s::bigint[], {pk})", [self.ids, *params]

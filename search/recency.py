"""The small recency boost both engines multiply their text relevance by."""

from django.db.models import FloatField, Func, Value
from django.db.models.functions import Coalesce, Greatest

# A story from today scores up to 20% above an equally relevant one from long ago;
# the boost halves after about a month, so relevance still decides.
RECENCY_WEIGHT = 0.2
RECENCY_DAYS = 30.0
UNDATED_AGE_DAYS = 3650.0


class AgeInDays(Func):
    """The days between a timestamp and now, as a float."""

    output_field = FloatField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="(julianday('now') - julianday(%(expressions)s))"
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="(EXTRACT(EPOCH FROM (now() - %(expressions)s)) / 86400.0)::float8",
        )


def recency_factor():
    """Return the expression 1 + w·d/(d + age): above 1, largest for the newest articles."""
    age = Greatest(Coalesce(AgeInDays("published_at"), Value(UNDATED_AGE_DAYS)), Value(0.0))
    return Value(1.0) + Value(RECENCY_WEIGHT * RECENCY_DAYS) / (Value(RECENCY_DAYS) + age)

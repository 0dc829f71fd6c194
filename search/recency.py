"""The small recency boost a match's text score is multiplied by, and ages in SQL."""

from django.db.models import FloatField, Func

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


def boost(age: float | None) -> float:
    """Return 1 + w·d/(d + age): above 1, largest for the newest articles (age in days)."""
    age = max(UNDATED_AGE_DAYS if age is None else age, 0.0)
    return 1.0 + RECENCY_WEIGHT * RECENCY_DAYS / (RECENCY_DAYS + age)

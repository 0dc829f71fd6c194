"""Hand rows already in memory to a relation, as prefetch_related() would have loaded them."""


def set_prefetched(obj, relation: str, rows) -> None:
    """Make `obj.<relation>.all()` answer `rows` without a query."""
    queryset = getattr(obj, relation).all()  # lazy: no query
    queryset._result_cache, queryset._prefetch_done = list(rows), True
    obj.__dict__.setdefault("_prefetched_objects_cache", {})[relation] = queryset

"""Ghost's JSON export (2.x to 5.x): posts with lexical or mobiledoc bodies, else their HTML."""

import json
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from moving.bodies import Conversion, lexical_html, mobiledoc_html
from moving.records import SourceAuthor, SourceCategory, SourcePicture, SourcePost, SourceTag

STATUSES = {
    "published": "published",
    "scheduled": "scheduled",
    "draft": "draft",
    "sent": "published",
}


class GhostExport:
    """One export's data: its users, tags and posts, with their joins read in order."""

    def __init__(self, path: Path):
        document = json.loads(Path(path).read_text(encoding="utf-8"))
        database = document["db"][0] if "db" in document else document
        self.version = database.get("meta", {}).get("version", "")
        self.data = database["data"]
        self.authors_of = self._joined("posts_authors", "author_id")
        self.tags_of = self._joined("posts_tags", "tag_id")
        self.meta_of = {row["post_id"]: row for row in self.data.get("posts_meta", [])}
        self.tag_rows = {row["id"]: row for row in self.data.get("tags", [])}
        self.user_rows = {row["id"]: row for row in self.data.get("users", [])}

    def _joined(self, table: str, column: str) -> dict[str, list[str]]:
        rows = sorted(self.data.get(table, []), key=lambda row: row.get("sort_order", 0))
        joined = defaultdict(list)
        for row in rows:
            joined[row["post_id"]].append(row[column])
        return joined

    def authors(self) -> dict[str, SourceAuthor]:
        return {
            row["id"]: SourceAuthor(
                key=row["id"],
                name=row.get("name") or row.get("slug", ""),
                email=row.get("email") or "",
                bio=row.get("bio") or "",
            )
            for row in self.user_rows.values()
        }

    def categories(self) -> dict[str, SourceCategory]:
        """Ghost has no categories: a post's primary tag is its section, as Ghost's themes show."""
        return {}

    def tags(self) -> dict[str, SourceTag]:
        return {
            row["slug"]: SourceTag(key=row["slug"], name=row["name"])
            for row in self.tag_rows.values()
            if row.get("visibility", "public") == "public"
        }

    def posts(self) -> Iterator[SourcePost]:
        for row in self.data.get("posts", []):
            yield self._post(row)

    def _post(self, row: dict) -> SourcePost:
        kind = row.get("type") or ("page" if row.get("page") else "post")
        tags = [
            self.tag_rows[tag_id]
            for tag_id in self.tags_of.get(row["id"], [])
            if tag_id in self.tag_rows
        ]
        public = [tag["slug"] for tag in tags if tag.get("visibility", "public") == "public"]
        meta = {**row, **self.meta_of.get(row["id"], {})}
        status = STATUSES.get(row.get("status", "draft"), "draft")
        if row.get("visibility", "public") != "public" and status == "published":
            status = "private"  # members-only or paid: not public on the old site either
        body = self._body(row)
        return SourcePost(
            key=row.get("uuid") or row["id"],
            kind=kind,
            title=row.get("title") or "",
            slug=row.get("slug") or "",
            status=status,
            body_html=body.html,
            excerpt=row.get("custom_excerpt") or "",
            published_at=_when(row.get("published_at")),
            authors=self.authors_of.get(row["id"]) or [row.get("author_id", "")],
            categories=public[:1],
            tags=public,
            featured=_feature(row, meta),
            seo_title=meta.get("meta_title") or "",
            seo_description=meta.get("meta_description") or "",
            old_paths=[f"/{row.get('slug')}/"] if row.get("slug") else [],
            problems=body.problems,
        )

    @staticmethod
    def _body(row: dict) -> Conversion:
        if row.get("lexical"):
            return lexical_html(json.loads(row["lexical"]))
        if row.get("mobiledoc"):
            return mobiledoc_html(json.loads(row["mobiledoc"]))
        return Conversion(row.get("html") or "")


def _feature(row: dict, meta: dict) -> SourcePicture | None:
    if not row.get("feature_image"):
        return None
    return SourcePicture(
        url=row["feature_image"],
        caption=meta.get("feature_image_caption") or "",
        alt=meta.get("feature_image_alt") or "",
    )


def _when(value) -> datetime | None:
    if not value:
        return None
    if isinstance(value, int | float):  # Ghost 2.x wrote milliseconds since the epoch
        return datetime.fromtimestamp(value / 1000, tz=UTC)
    return datetime.fromisoformat(str(value).replace("Z", "+00:00"))

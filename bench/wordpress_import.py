"""Time and peak memory of importing a generated WordPress export of many posts.

    .venv/bin/python bench/wordpress_import.py --posts 50000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/masthead_wxr \
        .venv/bin/python bench/wordpress_import.py --posts 50000

It writes an export (categories nested two deep, tags, authors and guest authors, captions,
galleries, embeds, an unknown shortcode and comments in every post), makes a fresh database
(an SQLite file in /tmp unless DATABASE_URL names one, which it empties first) and runs
`manage.py import_wordpress` on it in a process of its own, twice: the import, then a re-run
that must create nothing. Beside them, in the same run, the ceiling: the same process only
reading the export (no database), the floor of what any import of it costs.
"""

import argparse
import os
import resource  # noqa: F401  (the children use it)
import subprocess
import sys
import time
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
WORDS = [
    "harbour",
    "ferry",
    "council",
    "market",
    "storm",
    "school",
    "bridge",
    "festival",
    "budget",
    "tram",
    "park",
    "river",
    "police",
    "court",
    "hospital",
    "water",
    "power",
    "road",
    "port",
    "trade",
]


def body(n: int) -> str:
    word = WORDS[n % len(WORDS)]
    return (
        f"The {word} board met on Tuesday to discuss item {n}, officials said.\n\n"
        f'[caption id="attachment_{n}" width="800"]<img src="https://old.example/wp-content/'
        f'uploads/2020/01/{word}-{n}.jpg" alt="The {word}" /> The {word} at dawn.[/caption]\n\n'
        f"Residents asked questions about the {word} for an hour.\n\n"
        f'https://video.example/watch/{n}\n\n[poll id="{n}"]\n\n'
        f"<h2>What happens next</h2>\n\nA decision on the {word} is due next month."
    )


def item(n: int) -> str:
    category = f"{WORDS[n % 20]}-{n % 3}"
    status = "publish" if n % 10 else "draft"
    day = 1 + n % 28
    return f"""<item><title>{escape(f"The {WORDS[n % 20]} story number {n}")}</title>
<link>https://old.example/2020/01/{day:02d}/story-{n}/</link>
<dc:creator><![CDATA[author{n % 40}]]></dc:creator>
<guid isPermaLink="false">https://old.example/?p={n}</guid>
<content:encoded><![CDATA[{body(n)}]]></content:encoded>
<excerpt:encoded><![CDATA[A short summary of story {n}.]]></excerpt:encoded>
<wp:post_id>{n}</wp:post_id><wp:post_date_gmt>2020-01-{day:02d} 08:00:00</wp:post_date_gmt>
<wp:post_name>story-{n}</wp:post_name><wp:status>{status}</wp:status>
<wp:post_type>post</wp:post_type>
<category domain="category" nicename="{category}"><![CDATA[{category}]]></category>
<category domain="post_tag" nicename="tag-{n % 300}"><![CDATA[Tag {n % 300}]]></category>
<category domain="author" nicename="cap-guest{n % 15}"><![CDATA[guest{n % 15}]]></category>
<wp:comment><wp:comment_id>{n}</wp:comment_id></wp:comment>
</item>
"""


def write_export(path: Path, posts: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
            "<wp:wxr_version>1.2</wp:wxr_version>"
            "<wp:base_site_url>https://old.example</wp:base_site_url>\n"
        )
        for n in range(40):
            out.write(
                f"<wp:author><wp:author_login>author{n}</wp:author_login>"
                f"<wp:author_display_name>Reporter Number{n}</wp:author_display_name>"
                "</wp:author>\n"
            )
        for word in WORDS:
            out.write(
                f"<wp:category><wp:category_nicename>{word}</wp:category_nicename>"
                f"<wp:cat_name>{word.title()}</wp:cat_name></wp:category>\n"
            )
            for k in range(3):
                out.write(
                    f"<wp:category><wp:category_nicename>{word}-{k}"
                    f"</wp:category_nicename><wp:category_parent>{word}"
                    f"</wp:category_parent><wp:cat_name>{word.title()} {k}</wp:cat_name>"
                    "</wp:category>\n"
                )
        for n in range(15):
            out.write(
                f"<item><title>Guest {n}</title><wp:post_id>{10**7 + n}</wp:post_id>"
                "<wp:post_type>guest-author</wp:post_type><wp:postmeta><wp:meta_key>"
                f"cap-user_login</wp:meta_key><wp:meta_value>guest{n}</wp:meta_value>"
                "</wp:postmeta><wp:postmeta><wp:meta_key>cap-display_name</wp:meta_key>"
                f"<wp:meta_value>Guest Writer{n}</wp:meta_value></wp:postmeta></item>\n"
            )
        for n in range(1, posts + 1):
            out.write(item(n))
        out.write("</channel></rss>\n")


# Each child reports its own peak resident memory as it exits.
PEAK = """
import resource, runpy, sys
sys.argv = sys.argv[1:]
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
finally:
    print(f"PEAK {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr)
"""


def child(args: list[str], env: dict) -> tuple[float, int, str]:
    """Run a Python script as a child; return its seconds, its peak memory (MB), its output."""
    started = time.perf_counter()
    done = subprocess.run(
        [PYTHON, "-c", PEAK, *args], env=env, cwd=ROOT, capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    if done.returncode:
        sys.exit(done.stdout + done.stderr)
    peak = int(done.stderr.rsplit("PEAK ", 1)[1].split()[0]) // 1024
    return seconds, peak, done.stdout


READ_ONLY = Path("/tmp/wxr-read-only.py")
READ_ONLY_SOURCE = """
import os, sys, django
sys.path.insert(0, os.getcwd())
from pathlib import Path
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
django.setup()
from moving.sites import wordpress_site
site = wordpress_site(Path(sys.argv[1]))
print(sum(1 for _ in site.posts()))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=50_000)
    options = parser.parse_args()
    export = Path(f"/tmp/wxr-{options.posts}.xml")
    write_export(export, options.posts)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.local", "PAGE_CACHE": "off"}
    if not env.get("DATABASE_URL"):
        database = Path(f"/tmp/wxr-bench-{options.posts}.sqlite3")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        env["SQLITE_PATH"] = str(database)
    else:
        subprocess.run([PYTHON, "manage.py", "flush", "--noinput"], env=env, cwd=ROOT, check=True)
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], env=env, cwd=ROOT, check=True)

    READ_ONLY.write_text(READ_ONLY_SOURCE)
    ceiling = child([str(READ_ONLY), str(export)], env)
    first = child(["manage.py", "import_wordpress", str(export), "-v0"], env)
    again = child(["manage.py", "import_wordpress", str(export), "-v0"], env)
    size = export.stat().st_size / 1_048_576
    print(
        f"\nWordPress export: {options.posts:,} posts, {size:,.0f} MB "
        f"({'PostgreSQL' if os.environ.get('DATABASE_URL') else 'SQLite'})\n"
    )
    print("| run | seconds | posts/s | peak memory of the process, MB |")
    print("|---|---|---|---|")
    for name, (seconds, peak, _) in (
        ("ceiling: read the export only", ceiling),
        ("import", first),
        ("re-run", again),
    ):
        print(f"| {name} | {seconds:,.1f} | {options.posts / seconds:,.0f} | {peak} |")
    print("\nThe import's report:\n" + first[2][:2000])
    print("The re-run's report:\n" + again[2][:600])


if __name__ == "__main__":
    main()

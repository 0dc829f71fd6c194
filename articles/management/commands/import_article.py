"""Import raw copy (plain text or ninjs files) as draft or published articles."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.services.importing import (
    FORMATS,
    STATUSES,
    ImportRejected,
    Newsroom,
    import_article,
)
from core.site import absolute_url

SUFFIXES = {"text": {".txt", ".text", ""}, "ninjs": {".json"}}


class Command(BaseCommand):
    help = (
        "Import articles from plain-text or ninjs files (or folders of them) as drafts, "
        "printing what was recognised and the admin address of each draft."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files, or folders whose files to import.")
        parser.add_argument("--section", default="", help="Slug of the section to file under.")
        parser.add_argument("--status", default="draft", choices=list(STATUSES))
        parser.add_argument("--format", dest="fmt", default="text", choices=list(FORMATS))
        parser.add_argument("--dry-run", action="store_true", help="Recognise, write nothing.")
        parser.add_argument(
            "--user", default="", help="Username the revisions are recorded under (optional)."
        )

    def handle(self, *args, paths, section, status, fmt, dry_run, user, **options):
        files = self._files(paths, fmt)
        user = self._user(user)
        detailed = len(files) == 1 or options["verbosity"] >= 2
        # One look-up cache for the whole run: people and tags are read once, not per file.
        newsroom = Newsroom(preload=len(files) > 1)
        failures = 0
        bar = tqdm(files, unit="file", disable=len(files) < 2, file=self.stderr._out)
        for path in bar:
            try:
                outcome = import_article(
                    data=path.read_bytes(), fmt=fmt, section_slug=section, status=status,
                    dry_run=dry_run, user=user, newsroom=newsroom,
                )  # fmt: skip
            except ImportRejected as error:
                failures += 1
                bar.write(self.style.ERROR(f"{path}: {error}"), file=self.stderr._out)
                continue
            self._report(path, outcome, detailed, dry_run, bar)
        if failures:
            raise CommandError(f"{failures} of {len(files)} file(s) could not be imported.")

    def _user(self, username: str):
        if not username:
            return None
        model = get_user_model()
        user = model.objects.filter(**{model.USERNAME_FIELD: username}).first()
        if user is None:
            raise CommandError(f"There is no user with the username “{username}”.")
        return user

    def _files(self, paths, fmt) -> list[Path]:
        files = []
        for name in paths:
            path = Path(name)
            if path.is_dir():
                found = sorted(p for p in path.iterdir() if p.is_file())
                files += [p for p in found if p.suffix.lower() in SUFFIXES[fmt]]
            elif path.is_file():
                files.append(path)
            else:
                raise CommandError(f"{path}: no such file or folder.")
        if not files:
            raise CommandError("No files to import.")
        return files

    def _report(self, path, outcome, detailed, dry_run, bar):
        url = absolute_url(outcome.admin_url)
        if outcome.created:
            line = self.style.SUCCESS(f"{path}: created {outcome.article.status} {url}")
        elif outcome.article:
            line = self.style.WARNING(f"{path}: already imported as {url}")
        else:
            line = f"{path}: recognised (dry run, nothing written)"
        if detailed:
            line = "\n".join([*describe(outcome.plan), line])
        bar.write(line, file=self.stdout._out)


def describe(plan) -> list[str]:
    """Return the lines that tell an editor what the import recognised."""
    parsed = plan.parsed
    lines = [f"Headline: {parsed.headline}", f"Section: {plan.section}"]
    if parsed.dateline:
        lines.append(f"Dateline: {parsed.dateline}")
    lines += [
        f"Byline ({b.role_label}): {b.name}{'' if b.person else ' (new, needs review)'}"
        for b in plan.bylines
    ]
    body = [f"  [{block.kind}] {_short(block.text)}" for block in parsed.blocks]
    lines += [f"Body: {len(parsed.paragraphs)} paragraph(s)", *body] if body else ["Body: HTML"]
    lines.append(f"People ({len(plan.people)}):")
    for planned in plan.people:
        found, state = planned.found, "new, needs review" if planned.is_new else "existing"
        role = f" — {found.role_phrase}" if found.role_phrase else ""
        lines.append(f"  {found.name}{role} (×{found.count}, {state})")
    lines.append(f"Tags ({len(plan.tags)}):" if plan.tags else "Tags: none")
    lines += [f"  {tag.name} — {plan.tag_reasons.get(tag.pk, '')}" for tag in plan.tags]
    if plan.new_tags:
        lines.append(f"New tags the story proposes ({len(plan.new_tags)}):")
        lines += [f"  {t.name} ({t.kind}) — {plan.new_tag_reasons[t.name]}" for t in plan.new_tags]
    if parsed.corrections:
        lines += [
            "Correction notes (kept out of the body):",
            *(f"  {c}" for c in parsed.corrections),
        ]
    if plan.related:
        lines.append(f"Related headlines ({parsed.related_section}):")
        lines += [f"  {h.title}{' → linked' if h.target else ''}" for h in plan.related]
    if parsed.copyright_line or parsed.source_name:
        lines.append(f"Source: {parsed.source_name} {parsed.copyright_line}".rstrip())
    return lines


def _short(text: str, length: int = 70) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"

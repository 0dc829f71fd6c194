"""What the two import commands share: options, a progress bar and the report."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from moving.report import report_lines
from moving.services import import_site


class ImportCommand(BaseCommand):
    media_option = ""
    media_help = ""

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The export file.")
        parser.add_argument(self.media_option, dest="media_dir", type=Path, help=self.media_help)
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would be imported; write nothing."
        )

    def read(self, path: Path, options: dict):
        raise NotImplementedError

    def handle(self, *args, path: Path, media_dir: Path | None, dry_run: bool, **options):
        if not path.is_file():
            raise CommandError(f"There is no export at {path}.")
        if media_dir is not None and not media_dir.is_dir():
            raise CommandError(f"There is no folder at {media_dir}.")
        try:
            site = self.read(path, options)
        except Exception as error:  # a file of another format or a broken one
            raise CommandError(f"{path} could not be read: {error}") from error
        with tqdm(
            total=site.total, unit="post", disable=options["verbosity"] < 1, file=self.stderr
        ) as bar:
            report = import_site(
                site,
                media_dir=media_dir,
                dry_run=dry_run,
                progress=lambda done: bar.update(done - bar.n),
            )
        heading = "Dry run, nothing written:" if dry_run else "Imported:"
        self.stdout.write("\n".join([heading, *report_lines(report)]))

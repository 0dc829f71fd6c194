"""Import a WordPress WXR export (Tools › Export) with its pictures from a local folder."""

from moving.management.importing import ImportCommand
from moving.sites import wordpress_site


class Command(ImportCommand):
    help = "Import a WordPress export (WXR 1.1 or 1.2): posts, pages, authors, categories, tags."
    media_option = "--media-dir"
    media_help = "The site's wp-content/uploads folder, for the pictures."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--time-zone",
            help="The WordPress site's time zone "
            "(for posts without a UTC time); default TIME_ZONE.",
        )

    def read(self, path, options):
        return wordpress_site(path, options.get("time_zone"))

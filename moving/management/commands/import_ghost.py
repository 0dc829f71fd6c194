"""Import a Ghost JSON export (Settings › Labs › Export) with its pictures."""

from moving.management.importing import ImportCommand
from moving.sites import ghost_site


class Command(ImportCommand):
    help = "Import a Ghost export (2.x to 5.x): posts, pages, staff, tags."
    media_option = "--content-dir"
    media_help = "Ghost's content folder (holding images/), for the pictures."

    def read(self, path, options):
        return ghost_site(path)

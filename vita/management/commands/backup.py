from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from vita.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump) and the files (library files, media) into a new "
        "folder under --output (var/backups by default); prints its path."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=settings.BASE_DIR / "var" / "backups")

    def handle(self, *args, output, **options):
        try:
            folder = backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(folder))

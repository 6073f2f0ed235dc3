from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vita.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `backup`: the database and the files become what the "
        "backup holds; what is there now is replaced."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help="the folder `backup` printed")
        parser.add_argument("--no-input", action="store_true", help="do not ask to confirm")

    def handle(self, *args, backup, no_input, **options):
        if not no_input:
            answer = input(
                f"La base et les fichiers vont être remplacés par la sauvegarde {backup}. "
                "Tapez « oui » pour continuer : "
            )
            if answer.strip().lower() != "oui":
                raise CommandError("Restauration annulée : rien n'a été changé.")
        try:
            restore(backup)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Sauvegarde {backup} restaurée.")

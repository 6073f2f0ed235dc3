"""Writes the migration that installs the card's search document as
`experiences/search_document.py` declares it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.migrations.loader import MigrationLoader

from experiences import search_document


class Command(BaseCommand):
    help = (
        "Écrit la migration qui installe le document de recherche des fiches tel que "
        "experiences/search_document.py le déclare."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", default="card_search_document")

    def handle(self, *args, name, **options):
        latest = search_document.frozen()
        if latest is None:
            raise CommandError("Aucune migration n'installe encore le document de recherche.")
        if latest[1] == search_document.install_sql():
            self.stdout.write(f"Rien à faire : la migration {latest[0]} installe ce document.")
            return
        app_config = search_document.ExperienceCard._meta.app_config
        (leaf,) = MigrationLoader(None).graph.leaf_nodes(app_config.label)
        number = int(leaf[1].split("_", 1)[0]) + 1
        path = Path(app_config.path) / "migrations" / f"{number:04d}_{name}.py"
        path.write_text(search_document.migration_source(previous=latest[1]), encoding="utf-8")
        self.stdout.write(f"Migration écrite : {app_config.label}/migrations/{path.name}")

"""Write fixtures/territories/communes.csv from the INSEE COG as Etalab publishes it.

Get the year's file with `npm pack @etalab/decoupage-administratif@<version>` (the
package's README maps versions to COG years), unpack it, then run
`manage.py write_communes package/data/communes.json` and `manage.py load_territories`,
and update the year in fixtures/territories/README.md.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from territories import reference


class Command(BaseCommand):
    help = "Écrit fixtures/territories/communes.csv depuis le communes.json d'Etalab."

    def add_arguments(self, parser):
        parser.add_argument("communes_json", type=Path)

    def handle(self, *args, communes_json, **options):
        try:
            records = json.loads(communes_json.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"Fichier illisible : {communes_json.name} ({error}).") from error
        departements = {row["code"] for row in reference.read_rows("departements")}
        try:
            rows = reference.communes_from_etalab(records, departements)
        except (KeyError, TypeError) as error:
            raise CommandError(f"Ce n'est pas le communes.json d'Etalab ({error}).") from error
        reference.write_communes(rows, reference.COMMUNES_FILE)
        self.stdout.write(f"{reference.COMMUNES_FILE.name} : {len(rows)} communes.")

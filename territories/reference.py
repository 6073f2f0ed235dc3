"""Reference territories, loaded from the CSV files of fixtures/territories/.

Source: INSEE, Code officiel géographique (régions and départements as of 2024;
pre-2016 régions from the COG 2015; communes from the COG 2026, see the README of
that folder). Used by the data migrations (with historical models) and by the
`load_territories` command.
"""

import csv
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils.text import slugify

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "territories"
COMMUNES_FILE = REFERENCE_DIR / "communes.csv"
COMMUNE_COLUMNS = ["code", "name", "departement_code", "population"]


def read_rows(name: str) -> list[dict[str, str]]:
    with (REFERENCE_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def load(region_model, departement_model, former_region_model) -> dict[str, int]:
    """Create or update every région, département and pre-2016 région; returns the
    counts written. Migration 0002 calls it with its historical models: it must keep
    to the fields of 0001."""
    regions = {}
    for row in read_rows("regions"):
        regions[row["code"]], _ = region_model.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"], "slug": slugify(row["name"])}
        )
    for row in read_rows("departements"):
        departement_model.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "slug": slugify(row["name"]),
                "region": regions[row["region_code"]],
            },
        )
    for row in read_rows("former_regions"):
        former_region_model.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "slug": slugify(row["name"]),
                "current_region": regions[row["region_code"]],
            },
        )
    return {
        "régions": region_model.objects.count(),
        "départements": departement_model.objects.count(),
        "anciennes régions": former_region_model.objects.count(),
    }


def link_former_regions(departement_model, former_region_model) -> None:
    """Give each département its pre-2016 région (`former_region_code` of the CSV)."""
    formers = {former.code: former for former in former_region_model.objects.all()}
    for row in read_rows("departements"):
        departement_model.objects.filter(code=row["code"]).update(
            former_region=formers[row["former_region_code"]]
        )


# Rows unchanged since the last load are not rewritten.
MERGE_COMMUNES = """
    INSERT INTO territories_commune AS commune (code, name, departement_id, population)
    SELECT code, name, departement_id, population FROM commune_file
    ON CONFLICT (code) DO UPDATE
    SET name = excluded.name, departement_id = excluded.departement_id,
        population = excluded.population
    WHERE (commune.name, commune.departement_id, commune.population)
        IS DISTINCT FROM (excluded.name, excluded.departement_id, excluded.population)
"""


def load_communes(departement_model, using: str = DEFAULT_DB_ALIAS) -> int:
    """Create or update the communes of communes.csv and delete those it no longer
    has (communes merge every year; nothing points to a commune). Every new database
    (each test run, each transactional test's reload) runs this: the rows go in by
    COPY, three times faster than a bulk upsert, then are merged in SQL."""
    departements = dict(departement_model.objects.using(using).values_list("code", "pk"))
    rows = [
        (
            row["code"],
            row["name"],
            departements[row["departement_code"]],
            int(row["population"]) if row["population"] else None,
        )
        for row in read_rows("communes")
    ]
    with transaction.atomic(using), connections[using].cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE commune_file (code text, name text, departement_id bigint,"
            " population integer)"
        )
        with cursor.copy("COPY commune_file FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(MERGE_COMMUNES)
        cursor.execute(
            "DELETE FROM territories_commune WHERE code NOT IN (SELECT code FROM commune_file)"
        )
        # Not ON COMMIT DROP: a second load may come in the same transaction.
        cursor.execute("DROP TABLE commune_file")
        # The planner's row counts now, not at autovacuum's next pass.
        cursor.execute("ANALYZE territories_commune")
    return len(rows)


def communes_from_etalab(records: list[dict], departement_codes: set[str]) -> list[dict]:
    """The rows of communes.csv from the `communes.json` of the npm package
    `@etalab/decoupage-administratif` (the INSEE COG as JSON): current communes only
    (not the communes déléguées or associées, nor the arrondissements of Paris, Lyon
    and Marseille, which lead to the same département), in the départements of
    departements.csv (the collectivités d'outre-mer have none), sorted by code."""
    rows = [
        {
            "code": record["code"],
            "name": record["nom"],
            "departement_code": record["departement"],
            "population": record.get("population", ""),
        }
        for record in records
        if record["type"] == "commune-actuelle" and record["departement"] in departement_codes
    ]
    return sorted(rows, key=lambda row: row["code"])


def write_communes(rows: list[dict], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, COMMUNE_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

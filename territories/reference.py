"""Reference territories, loaded from the CSV files of fixtures/territories/.

Source: INSEE, Code officiel géographique (régions and départements as of 2024;
pre-2016 régions from the COG 2015). Used by the initial data migration (with
historical models) and by the `load_territories` command.
"""

import csv
from pathlib import Path

from django.utils.text import slugify

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "territories"


def read_rows(name: str) -> list[dict[str, str]]:
    with (REFERENCE_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def load(region_model, departement_model, former_region_model) -> dict[str, int]:
    """Create or update every reference territory; returns the counts written."""
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

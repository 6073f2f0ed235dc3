from django.core.management.base import BaseCommand
from django.db import transaction

from territories import reference
from territories.models import Departement, FormerRegion, Region


class Command(BaseCommand):
    help = (
        "Create or update régions, départements, pre-2016 régions and communes from "
        "fixtures/territories/."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        counts = reference.load(Region, Departement, FormerRegion)
        reference.link_former_regions(Departement, FormerRegion)
        counts["communes"] = reference.load_communes(Departement)
        self.stdout.write(", ".join(f"{count} {label}" for label, count in counts.items()))

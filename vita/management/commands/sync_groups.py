from django.core.management.base import BaseCommand
from django.db import transaction

from vita.roles import sync_groups


class Command(BaseCommand):
    help = "Create the editor groups (Animateur, Contributeur, Membre) and set their permissions."

    @transaction.atomic
    def handle(self, *args, **options):
        for group, count in sync_groups().items():
            self.stdout.write(f"{group}: {count} permissions")

"""Deletes the subscriptions never confirmed, and the unsubscribed ones, after 7 days."""

from django.core.management.base import BaseCommand

from vita.subscriptions.services import CONFIRMATION_DAYS, purge


class Command(BaseCommand):
    help = (
        f"Supprime les abonnements jamais confirmés et les désabonnements de plus de "
        f"{CONFIRMATION_DAYS} jours."
    )

    def handle(self, *args, **options):
        deleted = purge()
        self.stdout.write(f"{deleted} abonnement(s) supprimé(s).")

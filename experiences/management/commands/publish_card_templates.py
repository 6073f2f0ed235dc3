"""Puts the « Modèle de fiche expérience », generated from the card model, in the library."""

from django.core.management.base import BaseCommand

from experiences.services import publish_card_templates


class Command(BaseCommand):
    help = "Génère le modèle de fiche expérience (Word et Excel) et le publie dans la bibliothèque."

    def handle(self, *args, **options):
        for resource in publish_card_templates():
            self.stdout.write(f"{resource.title} : /ressources/{resource.slug}/")

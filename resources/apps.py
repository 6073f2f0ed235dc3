from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    """The resource library: guides, fiche templates, manual fiches, newsletters."""

    name = "resources"
    verbose_name = "Ressources"

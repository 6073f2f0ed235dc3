from django.apps import AppConfig


class TerritoriesConfig(AppConfig):
    """Régions, départements and the pre-2016 régions, keyed by INSEE codes."""

    name = "territories"
    verbose_name = "Territoires"

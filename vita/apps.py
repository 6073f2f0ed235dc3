from django.apps import AppConfig


class VitaConfig(AppConfig):
    """The site itself: home page, health check, error pages, shared tooling."""

    name = "vita"
    verbose_name = "Portail VITA"

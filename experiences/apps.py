from django.apps import AppConfig


class ExperiencesConfig(AppConfig):
    """Experience cards of SIAE and their partners."""

    name = "experiences"
    verbose_name = "Fiches expériences"

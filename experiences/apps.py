from django.apps import AppConfig


class ExperiencesConfig(AppConfig):
    """Experience cards of SIAE and their partners."""

    name = "experiences"
    verbose_name = "Fiches expériences"

    def ready(self):
        from experiences import alerts  # the models are ready: the alerts' topic registers

        alerts.register_topic()

from django.apps import AppConfig


class EventsConfig(AppConfig):
    """Rencontres nationales, trainings, webinars and open meetings: their programme,
    registrations and waiting list."""

    name = "events"
    verbose_name = "Rencontres et formations"

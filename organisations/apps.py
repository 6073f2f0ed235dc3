from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    """Organisations (porteurs, partners, networks) and the people who work in them."""

    name = "organisations"
    verbose_name = "Structures et personnes"

from django.apps import AppConfig


class WorkgroupsConfig(AppConfig):
    """Programmes, working groups and thematic ateliers."""

    name = "workgroups"
    verbose_name = "Groupes de travail"

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_groups_after_migrate(sender, using, **kwargs):
    from vita.roles import sync_groups

    sync_groups()


class VitaConfig(AppConfig):
    """The site itself: home page, health check, error pages, shared tooling."""

    name = "vita"
    verbose_name = "Portail VITA"

    def ready(self):
        from vita import audit

        post_migrate.connect(_sync_groups_after_migrate, sender=self)
        audit.connect()

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _create_site_pages_after_migrate(sender, using, **kwargs):
    from portal.site_pages import create_missing_site_pages

    create_missing_site_pages()


class PortalConfig(AppConfig):
    """The site layer, over the domain apps: home, site search, look-ups, « Mon espace »,
    the footer's pages."""

    name = "portal"
    verbose_name = "Site"

    def ready(self):
        post_migrate.connect(_create_site_pages_after_migrate, sender=self)

from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_delete, post_migrate


def _sync_groups_after_migrate(sender, using, **kwargs):
    from vita.roles import sync_groups

    sync_groups()


def _delete_review_points(sender, instance, using, **kwargs):
    """A deleted record takes its « points à vérifier » with it."""
    from django.contrib.contenttypes.models import ContentType

    from vita.models import ReviewPoint

    ReviewPoint.objects.using(using).filter(
        content_type=ContentType.objects.db_manager(using).get_for_model(instance),
        object_id=instance.pk,
    ).delete()


class VitaConfig(AppConfig):
    """The site itself: home page, health check, error pages, shared tooling."""

    name = "vita"
    verbose_name = "Portail VITA"

    def ready(self):
        from vita import audit, findable, sorting  # noqa: F401 - findable: its deploy check
        from vita.models import REVIEWABLE_MODELS

        post_migrate.connect(_sync_groups_after_migrate, sender=self)
        for label in REVIEWABLE_MODELS:  # by label: the kernel imports no domain app
            post_delete.connect(_delete_review_points, sender=label, weak=False)
        audit.connect()
        # Which French order the server offers, known before any query sorts.
        connection_created.connect(sorting.ask_on_connection)

from django.apps import AppConfig


class SupportConfig(AppConfig):
    """« Demander un appui »: a structure's request for individual support, the animators'
    queue (statuses, expert, notes, days of expertise) and its follow-up."""

    name = "support"
    verbose_name = "Appuis individualisés"

from django.apps import AppConfig


class SourcesConfig(AppConfig):
    """The import of the source documents (fixtures/sources/) into the model."""

    name = "sources"
    verbose_name = "Documents sources"

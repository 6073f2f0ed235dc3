"""Writes of the library."""

from django.db.models import F

from resources.models import Resource


def record_download(resource: Resource) -> None:
    """One more download, counted by the database itself: concurrent downloads each count."""
    Resource.objects.filter(pk=resource.pk).update(download_count=F("download_count") + 1)

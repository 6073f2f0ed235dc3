"""Writes of the library."""

from django.db.models import F

from resources.models import Resource
from vita.notifications import notify_animators


def record_download(resource: Resource) -> None:
    """One more download, counted by the database itself: concurrent downloads each count."""
    Resource.objects.filter(pk=resource.pk).update(download_count=F("download_count") + 1)


def request_document(resource: Resource, request: dict, page_url: str) -> int:
    """Tells the animators that someone asks for a document available on request."""
    lines = [
        f"{request['name']} ({request['email']}) demande le document « {resource.title} ».",
        f"Structure : {request['organisation'] or 'non précisée'}",
        "",
        request["message"] or "(pas de message)",
        "",
        f"Fiche de la ressource : {page_url}",
        "Répondez directement à ce message pour écrire au demandeur.",
    ]
    return notify_animators(
        f"Demande de document : {resource.title}", "\n".join(lines), reply_to=request["email"]
    )

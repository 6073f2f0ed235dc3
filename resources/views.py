from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from resources import services
from resources.files import CONTENT_TYPES, FileFormat, download_name
from resources.selectors import (
    citing_fiches,
    downloadable_resource,
    fiche_detail,
    keyword_index,
    links_by_kind,
    manual_table_of_contents,
)


@require_safe
def manual(request):
    text = request.GET.get("q", "").strip()[:200]
    return render(
        request, "resources/manual.html", {"parts": manual_table_of_contents(text), "q": text}
    )


@require_safe
def fiche(request, code):
    fiche = fiche_detail(code)
    if fiche is None:
        raise Http404("Fiche introuvable")
    return render(
        request,
        "resources/fiche.html",
        {"fiche": fiche, "links": links_by_kind(fiche), "cited_by": citing_fiches(fiche)},
    )


@require_safe
def keywords(request):
    return render(request, "resources/keywords.html", {"keywords": keyword_index()})


@require_safe
def download(request, slug):
    """The file of a resource, for whoever may read it; each download is counted."""
    resource = downloadable_resource(slug)
    if resource is None:
        raise Http404("Document introuvable")
    permission = resource.access_permission
    if permission and not request.user.has_perm(permission):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied("Votre compte ne donne pas accès à ce document.")
    if request.method == "GET":
        services.record_download(resource)
    file_format = FileFormat(resource.file_format)
    response = FileResponse(
        resource.file.open("rb"),
        as_attachment=True,
        filename=download_name(resource.title, file_format),
        content_type=CONTENT_TYPES[file_format],
    )
    response["X-Content-Type-Options"] = "nosniff"
    if permission:
        # A shared cache must not hand a reserved file to the next reader.
        patch_cache_control(response, private=True, no_store=True)
    return response

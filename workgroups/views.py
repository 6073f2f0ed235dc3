from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_safe

from vita.db.replica import reads_from_replica
from vita.ratelimits import limit_searches
from vita.reviews.views import report_page
from workgroups.selectors import (
    programme_detail,
    programmes_with_groups,
    working_group,
)


@require_safe
@limit_searches
@reads_from_replica
def group_list(request):
    text = request.GET.get("q", "").strip()[:200]
    return render(
        request, "workgroups/list.html", {"programmes": programmes_with_groups(text), "q": text}
    )


@require_safe
def programme_page(request, slug):
    """A programme: what its documents say of it, its phases and its groups."""
    programme = programme_detail(slug)
    if programme is None:
        raise Http404("Programme introuvable")
    return render(request, "workgroups/programme.html", {"programme": programme})


@require_http_methods(["GET", "HEAD", "POST"])
def report(request, code):
    """« Signaler une erreur » on a working group."""
    group = working_group(code)
    if group is None:
        raise Http404("Groupe de travail introuvable")
    title = f"{group.code} — {group.name}"
    return report_page(request, group, title=title, kind="le groupe de travail")

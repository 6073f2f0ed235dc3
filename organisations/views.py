from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from organisations.models import Organisation
from organisations.selectors import organisation_detail, organisation_list, presentations
from vita.db.replica import reads_from_replica
from vita.history import redirect_to_current_slug
from vita.ratelimits import limit_searches
from vita.roles import sees_members_details


@require_safe
def detail(request, slug):
    organisation = organisation_detail(slug)
    if organisation is None:
        return redirect_to_current_slug(
            Organisation, slug, "organisations:detail", "Structure introuvable"
        )
    # A structure's address is public; its phone and e-mail, as a person's, are the
    # network's members' (they may be someone's own).
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation,
            "presentations": presentations(organisation),
            "shows_phone_and_email": sees_members_details(request.user),
        },
    )


@require_safe
@limit_searches
@reads_from_replica
def organisation_index(request):
    text = request.GET.get("q", "").strip()[:200]
    page = Paginator(organisation_list(text), 50).get_page(request.GET.get("page"))
    return render(request, "organisations/list.html", {"page": page, "q": text})

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from organisations.selectors import organisation_list
from vita.db.replica import reads_from_replica
from vita.ratelimits import limit_searches


@require_safe
@limit_searches
@reads_from_replica
def organisation_index(request):
    text = request.GET.get("q", "").strip()[:200]
    page = Paginator(organisation_list(text), 50).get_page(request.GET.get("page"))
    return render(request, "organisations/list.html", {"page": page, "q": text})

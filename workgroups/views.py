from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from vita.db.replica import reads_from_replica
from vita.ratelimits import limit_searches
from workgroups.selectors import group_cards, group_detail, programmes_with_groups


@require_safe
@limit_searches
@reads_from_replica
def group_list(request):
    text = request.GET.get("q", "").strip()[:200]
    return render(
        request, "workgroups/list.html", {"programmes": programmes_with_groups(text), "q": text}
    )


@require_safe
def group_page(request, code):
    group = group_detail(code)
    if group is None:
        raise Http404("Groupe de travail introuvable")
    return render(request, "workgroups/detail.html", {"group": group, "cards": group_cards(group)})

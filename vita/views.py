from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from vita.health import database_is_available
from vita.selectors import france_map, key_figures, latest_cards, regions_with_counts
from workgroups.selectors import programmes_with_groups


@require_safe
def home(request):
    view_box, map_regions = france_map()
    return render(
        request,
        "home.html",
        {
            "programmes": programmes_with_groups(),
            "map_view_box": view_box,
            "map_regions": map_regions,
            "regions": regions_with_counts(),
            "latest_cards": latest_cards(),
            "figures": key_figures(),
        },
    )


@never_cache
@require_safe
def healthz(request):
    if database_is_available():
        return JsonResponse({"database": "ok"})
    return JsonResponse({"database": "unavailable"}, status=503)

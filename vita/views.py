from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from vita.health import database_is_available


@never_cache
@require_safe
def healthz(request):
    if database_is_available():
        return JsonResponse({"database": "ok"})
    return JsonResponse({"database": "unavailable"}, status=503)

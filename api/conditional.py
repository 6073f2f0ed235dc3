"""Conditional GET for the API: an ETag and, where known, a Last-Modified on every
answer, and 304 Not Modified when the client's copy is current.

The ETag is the body's digest (Django's `set_response_etag`, as ConditionalGetMiddleware
makes it), so it changes with anything the answer shows: a renamed porteur, a card
leaving a list. Last-Modified is the latest change of the records the view reads (see
`views.PublicEndpoint.last_modified`), given for information only: it misses what the
answer shows of other records (a group's new card, a renamed porteur, a deleted card, an
event now past), so a client asking by date alone (If-Modified-Since) gets the answer,
never a 304 that would keep it on a stale copy; the ETag alone decides. Scoped to the
API: the site's pages keep their own caching."""

from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.http import http_date


def conditional_response(request, response, last_modified=None):
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    if hasattr(response, "render"):
        response.render()
    set_response_etag(response)
    timestamp = int(last_modified.timestamp()) if last_modified else None
    if timestamp is not None:
        response.headers["Last-Modified"] = http_date(timestamp)
    # Caches may keep a copy but must ask whether it is still current.
    response.headers.setdefault("Cache-Control", "no-cache")
    return get_conditional_response(request, etag=response.headers["ETag"], response=response)

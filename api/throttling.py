"""The API's rate limits, as DRF throttles counted by django-ratelimit.

The pages' limits (`vita.ratelimits`) count in django-ratelimit's cache, per client
address (`CLIENT_IP_HEADER` behind a proxy), and `RATELIMIT_ENABLE` switches them off.
These throttles count in the same cache with the same keys, so an address's word
searches add up across the pages and the API under one `SEARCH_RATE`; a throttle rather
than the pages' decorator only so that the refusal is DRF's JSON 429 with its
`Retry-After`, not the site's HTML page."""

from django.conf import settings
from django_ratelimit.core import get_usage
from rest_framework.throttling import BaseThrottle

from vita.ratelimits import search_rate


class _CountedThrottle(BaseThrottle):
    group = ""

    def rate(self, group, request) -> str | None:
        raise NotImplementedError

    def allow_request(self, request, view):
        # django-ratelimit reads Django's request (its address, its parameters).
        usage = get_usage(
            request._request, group=self.group, key="ip", rate=self.rate, increment=True
        )
        self.time_left = usage["time_left"] if usage else None
        return usage is None or not usage["should_limit"]

    def wait(self):
        return max(self.time_left or 0, 1)


class ApiRate(_CountedThrottle):
    """Every request to the API: `API_RATE` per address."""

    group = "api"

    def rate(self, group, request):
        return settings.API_RATE


class SearchRate(_CountedThrottle):
    """A word search (`?q=`): `SEARCH_RATE` per address, counted with the pages'."""

    group = "search"

    def rate(self, group, request):
        return search_rate(group, request)

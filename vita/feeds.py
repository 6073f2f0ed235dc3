"""What the Atom feeds of the lists share (Django's syndication framework): a feed of a
search is the list's own selection, and a search it cannot make — an unknown code, a
wrong year — is answered 400 with the same French messages as the list, never a 500 nor
a feed of something else than what was asked."""

from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest
from django.utils.feedgenerator import Atom1Feed

from vita.notifications import site_url


class InvalidSearch(Exception):
    def __init__(self, errors: list[str]):
        super().__init__(errors)
        self.errors = errors


class SiteFeed(Feed):
    """A feed whose addresses are on `SITE_URL`, as the canonical addresses and the
    sitemap (`vita.findable`), never on the host a request named: Django's syndication
    completes a path with the request's host and leaves a full address as it is. A feed
    gives its `link` and `feed_url` as full addresses too (`site_url`)."""

    def item_link(self, item) -> str:
        return site_url(item.get_absolute_url())


class SearchFeed(SiteFeed):
    """An Atom feed of a list's search, in French: `selection` makes the list's selection
    of a query string (with its `errors`); a search the list would correct is refused."""

    feed_type = Atom1Feed
    language = "fr"

    def selection(self, params):
        raise NotImplementedError

    def get_object(self, request):
        selection = self.selection(request.GET)
        if selection.errors:
            raise InvalidSearch(selection.errors)
        return selection

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except InvalidSearch as refused:
            text = "Ce flux ne peut pas être donné :\n" + "\n".join(
                f"- {error.removesuffix(' : ce filtre est ignoré.')}." for error in refused.errors
            )
            return HttpResponseBadRequest(text + "\n", content_type="text/plain; charset=utf-8")

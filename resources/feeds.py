"""The Atom feed of the library: its newest published resources, for any search of the
list (`/ressources/flux.atom?<the library's query string>`)."""

from django.urls import reverse
from django.utils.html import linebreaks

from resources.models import AccessLevel, Resource
from resources.selectors import ResourceSelection, newest_resources, resource_selection
from vita.feeds import SearchFeed
from vita.notifications import site_url

FEED_SIZE = 30


class ResourceFeed(SearchFeed):
    subtitle = "Les dernières ressources publiées dans la bibliothèque du centre VITA."

    def selection(self, params) -> ResourceSelection:
        return resource_selection(params)

    def title(self, selection: ResourceSelection) -> str:
        if not selection.filters:
            return "Nouvelles ressources de la bibliothèque VITA"
        return "Nouvelles ressources — " + ", ".join(selection.filters)

    def link(self, selection: ResourceSelection) -> str:
        path = reverse("resources:library")
        return site_url(f"{path}?{selection.query_string}" if selection.query_string else path)

    def feed_url(self, selection: ResourceSelection) -> str:
        path = reverse("resources:feed")
        return site_url(f"{path}?{selection.query_string}" if selection.query_string else path)

    def items(self, selection: ResourceSelection):
        return newest_resources(selection)[:FEED_SIZE]

    def item_title(self, resource: Resource) -> str:
        return resource.title

    def item_description(self, resource: Resource) -> str:
        kind = resource.get_kind_display()
        if resource.access_level != AccessLevel.PUBLIC:
            kind += f" — {resource.get_access_level_display()}"
        return linebreaks("\n\n".join(p for p in (kind, resource.description) if p), True)

    def item_pubdate(self, resource: Resource):
        return resource.published_at

    def item_updateddate(self, resource: Resource):
        return resource.published_at

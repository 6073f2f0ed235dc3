"""The library in the sitemap: its public resources, its collections, the manual's fiches.
A reserved resource (members, CEDRE, a group's) is never listed."""

from resources.selectors import (
    dated_resources,
    public_collections,
    public_fiches,
    public_resources,
    resource_dates,
)
from vita.findable import SiteSitemap

DATED_FIELDS = ["slug", "version_date", "year", "published_at"]


class ResourceSitemap(SiteSitemap):
    def items(self):
        return dated_resources(public_resources()).only(*DATED_FIELDS).order_by("pk")

    def location(self, resource):
        return self.address("resources:resource", resource.slug)

    def lastmod(self, resource):
        return resource_dates(resource).lastmod


class FicheSitemap(SiteSitemap):
    """The manual's fiches, dated as their resources (a fiche's text is its resource's)."""

    def items(self):
        fiches = public_resources().filter(fiche__in=public_fiches())
        return (
            dated_resources(fiches)
            .select_related("fiche")
            .only("fiche__code", *DATED_FIELDS)
            .order_by("pk")
        )

    def location(self, resource):
        return self.address("resources:fiche", resource.fiche.code)

    def lastmod(self, resource):
        return resource_dates(resource).lastmod


class CollectionSitemap(SiteSitemap):
    """Without `lastmod`: a collection keeps no history."""

    def items(self):
        return public_collections().only("slug").order_by("pk")

    def location(self, collection):
        return self.address("resources:collection", collection.slug)

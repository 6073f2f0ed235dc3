"""The structures public pages show, in the sitemap (not those a partner's proposal
created, until one of their cards is published)."""

from organisations.models import Organisation
from vita.findable import EditedSitemap, dated


class OrganisationSitemap(EditedSitemap):
    def items(self):
        return dated(Organisation.objects.public().only("slug").order_by("pk"))

    def location(self, organisation):
        return self.address("organisations:detail", organisation.slug)

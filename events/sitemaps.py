"""The published events open to everyone, in the sitemap (never a reserved one, nor a
registration's private page)."""

from events.models import Event
from vita.findable import EditedSitemap, dated
from workgroups.audiences import Audience


class EventSitemap(EditedSitemap):
    def items(self):
        events = Event.objects.published().filter(audience=Audience.PUBLIC)
        return dated(events.only("slug").order_by("pk"))

    def location(self, event):
        return self.address("events:detail", event.slug)

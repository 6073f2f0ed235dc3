"""The programmes, working groups and calls for interest in the sitemap (every one has a
public page; a group's members' space is never listed)."""

from vita.findable import EditedSitemap, dated
from workgroups.models import CallForInterest, Programme, WorkingGroup


class GroupSitemap(EditedSitemap):
    def items(self):
        # A few dozen records: one list, each with its own address.
        return [
            *dated(Programme.objects.only("slug").order_by("pk")),
            *dated(WorkingGroup.objects.only("code").order_by("pk")),
            *dated(CallForInterest.objects.only("slug").order_by("pk")),
        ]

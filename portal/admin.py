from django.contrib import admin

from portal.models import SitePage
from vita.admin import HistoryAdmin


@admin.register(SitePage)
class SitePageAdmin(HistoryAdmin):
    """The footer's pages: written here, never added or deleted (the footer links to each)."""

    list_display = ["title", "slug", "updated_at"]
    fields = ["title", "body"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def view_on_site(self, obj):
        return obj.get_absolute_url()

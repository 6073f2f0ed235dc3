from django.contrib import admin

from territories.models import Commune, Departement, FormerRegion, Region
from vita.admin import FrenchSortedColumnsMixin, NameLookupAdminMixin


class DepartementInline(admin.TabularInline):
    model = Departement
    fields = ["code", "name"]
    extra = 0
    show_change_link = True


@admin.register(Region)
class RegionAdmin(FrenchSortedColumnsMixin, NameLookupAdminMixin, admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [DepartementInline]


@admin.register(Departement)
class DepartementAdmin(FrenchSortedColumnsMixin, NameLookupAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "region"]
    list_filter = ["region"]
    list_select_related = ["region"]
    search_fields = ["code", "name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["region"]


@admin.register(FormerRegion)
class FormerRegionAdmin(FrenchSortedColumnsMixin, admin.ModelAdmin):
    list_display = ["name", "code", "current_region"]
    list_select_related = ["current_region"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["current_region"]


@admin.register(Commune)
class CommuneAdmin(FrenchSortedColumnsMixin, admin.ModelAdmin):
    """Reference data from the INSEE COG (`load_territories`), kept for the territory
    finder: a commune files nothing."""

    list_display = ["name", "code", "departement"]
    list_select_related = ["departement"]
    list_filter = ["departement__region"]
    search_fields = ["code", "name__unaccent"]
    autocomplete_fields = ["departement"]

"""Admin pieces shared by the apps."""

from django.contrib import admin


class ArrayContainsFilter(admin.SimpleListFilter):
    """Filter on one value of a choice array (structure types, milieux)."""

    field_name: str

    def lookups(self, request, model_admin):
        field = model_admin.model._meta.get_field(self.field_name)
        return field.base_field.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{f"{self.field_name}__contains": [self.value()]})
        return queryset


def choice_labels(values, choices_enum) -> str:
    labels = dict(choices_enum.choices)
    return ", ".join(str(labels.get(value, value)) for value in values)


class NameLookupAdminMixin:
    """Search and autocompletes find names without accents and despite typos."""

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return super().get_search_results(request, queryset, search_term)
        from vita.lookups import matching_names

        return matching_names(queryset, search_term), False

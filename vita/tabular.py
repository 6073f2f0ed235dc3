"""What the admin's imports and exports share (django-import-export): the file formats,
as French users write them, and widgets that read and write stable codes and labels.

Separators inside a cell: codes and labels are separated by commas (« 35, 56 »); texts
that may hold commas (freins, leviers, tools, partner names) go one per line.
"""

from __future__ import annotations

import csv

import tablib
from django.db.models import Model
from import_export import resources, widgets
from import_export.formats import base_formats

from vita.text import plain

CODE_SEPARATOR = ","
LINE_SEPARATOR = "\n"


class FrenchCSV(base_formats.CSV):
    """CSV as French Excel and LibreOffice write it: UTF-8 with or without a BOM, cells
    separated by « ; » or « , » (told from the header line)."""

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode(self.encoding or "utf-8-sig")
        text = in_stream.removeprefix("\ufeff")
        header = text.split("\n", 1)[0]
        try:
            delimiter = csv.Sniffer().sniff(header, delimiters=";,\t").delimiter
        except csv.Error:
            delimiter = ","
        return tablib.import_set(text, format="csv", delimiter=delimiter)


FORMATS = [FrenchCSV, base_formats.XLSX, base_formats.JSON]


def split(value, separator: str = CODE_SEPARATOR) -> list[str]:
    if value in (None, ""):
        return []
    return [part.strip() for part in str(value).split(separator) if part.strip()]


class ChoiceWidget(widgets.Widget):
    """A choice given by its label or its code (accents and case aside); exported as its
    label. `what` names it in errors: « un type de structure »."""

    def __init__(self, choices, what: str, multiple: bool = False):
        super().__init__()
        self.choices = list(choices)
        self.what = what
        self.multiple = multiple

    def _code(self, text: str) -> str:
        by_name = {plain(label): code for code, label in self.choices}
        by_name |= {plain(code): code for code, _ in self.choices}
        try:
            return by_name[plain(text)]
        except KeyError:
            raise ValueError(f"« {text} » n'est pas {self.what} connu.") from None

    def clean(self, value, row=None, **kwargs):
        if self.multiple:
            return [self._code(part) for part in split(value)]
        return self._code(str(value).strip()) if value not in (None, "") else ""

    def render(self, value, obj=None, **kwargs):
        labels = dict(self.choices)
        if self.multiple:
            return f"{CODE_SEPARATOR} ".join(labels.get(code, code) for code in value or [])
        return labels.get(value, value or "")


class CodeWidget(widgets.ForeignKeyWidget):
    """A related row by its stable code (INSEE code, group code, slug), with a French
    message when there is none."""

    def __init__(self, model: type[Model], field: str, what: str, **kwargs):
        super().__init__(model, field=field, **kwargs)
        self.what = what

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(str(value).strip() if value is not None else value, row)
        except self.model.DoesNotExist:
            raise ValueError(f"« {value} » n'est pas {self.what} connu.") from None


class CodesWidget(widgets.ManyToManyWidget):
    """Related rows by their codes, « 35, 56 »; every unknown code is named."""

    def __init__(self, model: type[Model], field: str, what: str, **kwargs):
        super().__init__(model, separator=CODE_SEPARATOR, field=field, **kwargs)
        self.what = what

    def clean(self, value, row=None, **kwargs):
        codes = split(value)
        found = self.model.objects.filter(**{f"{self.field}__in": codes})
        missing = sorted(set(codes) - {str(getattr(item, self.field)) for item in found})
        if missing:
            names = ", ".join(f"« {code} »" for code in missing)
            raise ValueError(f"{names} : pas {self.what} connu.")
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return f"{CODE_SEPARATOR} ".join(str(getattr(item, self.field)) for item in value.all())


class LinesWidget(widgets.Widget):
    """Texts one per line in a cell (freins, leviers, partners…)."""

    def clean(self, value, row=None, **kwargs):
        return split(value, LINE_SEPARATOR)

    def render(self, value, obj=None, **kwargs):
        return LINE_SEPARATOR.join(value or [])


class FrenchResource(resources.ModelResource):
    """A resource whose columns are named by `Meta.column_names` (field → French header)."""

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        field = super().field_from_django_field(field_name, django_field, readonly)
        names = getattr(cls._meta, "column_names", None) or getattr(cls, "COLUMN_NAMES", {})
        field.column_name = names.get(field_name, field.column_name)
        return field

"""What the admin's imports and exports share (django-import-export): the file formats,
as French users write them, and widgets that read and write stable codes and labels.

Separators inside a cell: codes and labels are separated by commas (« 35, 56 »); texts
that may hold commas (freins, leviers, tools, partner names) go one per line.
"""

from __future__ import annotations

import copy
import csv
import datetime
import re
from pathlib import PurePath

import tablib
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.shortcuts import redirect
from import_export import resources, widgets
from import_export.formats import base_formats
from import_export.forms import ImportForm

from vita.text import choice_code, plain, refused_character, refused_message, shown

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
        code = choice_code(text, self.choices)
        if code is None:
            raise ValueError(f"« {text} » n'est pas {self.what} connu.")
        return code

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


class ItemsWidget(LinesWidget):
    """Items of which one may run over several lines (a levier with its bullets): one per
    line, or, as soon as one holds a line break, each followed by a blank line (a single
    item too), so a cell exported and imported back gives the same items."""

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).replace("\r\n", "\n")
        if not re.search(r"\n[ \t]*\n", text):
            return split(text, LINE_SEPARATOR)
        return [item.strip() for item in re.split(r"\n[ \t]*\n", text) if item.strip()]

    def render(self, value, obj=None, **kwargs):
        items = list(value or [])
        if any("\n" in item for item in items):
            return "".join(f"{item}\n\n" for item in items)
        return LINE_SEPARATOR.join(items)


class FrenchBooleanWidget(widgets.BooleanWidget):
    """« oui » / « non » (and 1/0, vrai/faux, x/empty)."""

    TRUE_VALUES = ["oui", "vrai", "1", "x", "true"]
    FALSE_VALUES = ["non", "faux", "0", "", "false"]

    def clean(self, value, row=None, **kwargs):
        text = plain(str(value if value is not None else "").strip())
        if text in self.TRUE_VALUES or value is True:
            return True
        if text in self.FALSE_VALUES or value in (False, None):
            return False
        raise ValueError(f"« {value} » : écrivez « oui » ou « non ».")

    def render(self, value, obj=None, **kwargs):
        return "oui" if value else "non"


class CheckedImportForm(ImportForm):
    """The admin's import form, its file checked before anything reads it, as the
    library checks its uploads (`resources.files.check_upload`): its extension is that of
    the chosen format, its content that of its extension (a renamed image, a truncated
    or over-compressed workbook, a macro, a CSV not in UTF-8 are refused in French)."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.formats = formats

    def clean(self):
        from resources.files import check_upload

        cleaned = super().clean()
        upload, index = cleaned.get("import_file"), cleaned.get("format")
        if not upload or index in (None, ""):
            return cleaned
        extension = self.formats[int(index)]().get_extension()
        name = PurePath(upload.name or "").name
        if PurePath(name).suffix.lower() != f".{extension}":
            self.add_error(
                "import_file",
                f"Le fichier « {name} » n'est pas au format choisi ({extension.upper()}) : "
                "choisissez son format ou enregistrez-le dans celui-ci.",
            )
        elif extension == "json":
            try:
                upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                self.add_error("import_file", "Le fichier n'est pas un texte en UTF-8.")
            upload.seek(0)
        else:
            try:
                check_upload(upload)
            except ValidationError as error:
                self.add_error("import_file", error)
        if not self.has_error("import_file"):
            for message in refused_cells(self.formats[int(index)](), upload):
                self.add_error("import_file", message)
        return cleaned


MAX_REFUSED_CELLS = 10  # cells named at most, the rest counted


def refused_cells(file_format, upload) -> list[str]:
    """A French message per cell holding a character the portal can neither store nor
    export (`vita.text.refused_character`: a NUL, which PostgreSQL refuses; another
    control character, which the XLSX exports could not write), named by row and column
    as the import's own errors are. A file the format cannot read says nothing here: the
    import says so."""
    content = upload.read()
    upload.seek(0)
    try:
        text = content if file_format.is_binary() else content.decode("utf-8-sig")
        dataset = file_format.create_dataset(text)
    except Exception:  # unreadable: the import's own message says so
        return []
    headers = [str(header) for header in dataset.headers or []]
    found = [
        (number, headers[column] if column < len(headers) else str(column + 1), character)
        for number, row in enumerate([headers, *dataset], start=0)
        for column, value in enumerate(row)
        if isinstance(value, str) and (character := refused_character(value)) is not None
    ]
    messages = [
        refused_message(character, f"{_row_name(number)}, colonne « {shown(column)} »,")
        for number, column, character in found[:MAX_REFUSED_CELLS]
    ]
    if len(found) > MAX_REFUSED_CELLS:
        messages.append(f"… et {len(found) - MAX_REFUSED_CELLS} autres cellules.")
    return messages


def _row_name(number: int) -> str:
    """As the import's preview numbers rows: from 1, under the header."""
    return "L'en-tête" if number == 0 else f"La ligne {number}"


class TabularAdminMixin:
    """The formats every import and export of the admin offers; a file of more rows than
    IMPORT_IN_REQUEST_MAX_ROWS is imported by the task worker (vita.imports), the page
    following its progress, instead of inside the request."""

    formats = FORMATS
    import_form_class = CheckedImportForm

    def import_action(self, request, **kwargs):
        if request.method == "POST" and self.has_import_permission(request):
            form = self.create_import_form(request)
            if form.is_valid():
                job = self._large_import(request, form)
                if job:
                    return redirect("admin:vita_importjob_change", job.pk)
        return super().import_action(request, **kwargs)

    def _large_import(self, request, form):
        from vita import imports

        index = int(form.cleaned_data["format"])
        upload = form.cleaned_data["import_file"]
        file_format = self.get_import_formats()[index]()
        content = upload.read()
        upload.seek(0)
        try:
            text = content if file_format.is_binary() else content.decode("utf-8-sig")
            rows = len(file_format.create_dataset(text))
        except Exception:  # unreadable: the usual flow says so
            return None
        if rows <= settings.IMPORT_IN_REQUEST_MAX_ROWS:
            return None
        resource_class = self.get_import_resource_classes(request)[0]
        label = f"{self.model._meta.app_label}.{self.model._meta.model_name}"
        return imports.start(request.user, label, resource_class, index, upload)


class FrenchResource(resources.ModelResource):
    """A resource whose errors are named by the file's columns (French headers)."""

    def __init__(self, html_diff: bool = True, **kwargs):
        super().__init__(**kwargs)
        if not html_diff:
            # The task worker lists counts and errors, not each row's changed fields.
            self._meta = copy.copy(self._meta)
            self._meta.skip_html_diff = True

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """Errors named by the file's column, as the person who wrote it knows them."""
        errors = dict(import_validation_errors or {})
        if self._meta.clean_model_instances:
            try:
                self.clean_instance(instance, errors.keys(), validate_unique)
            except ValidationError as error:
                errors = error.update_error_dict(errors)
        if errors:
            columns = {field.attribute: field.column_name for field in self.fields.values()}
            raise ValidationError(
                {columns.get(name, name): messages for name, messages in errors.items()}
            )

    def clean_instance(self, instance, exclude, validate_unique: bool) -> None:
        """The model's own checks; a resource may do some of them without a query."""
        instance.full_clean(exclude=exclude, validate_unique=validate_unique)


class IdentifiedResource(FrenchResource):
    """Rows are matched on the « Identifiant » column (a slug or a code); a file without it
    (a new list, a filled template) gets it, and each row's is found or made by
    `identify(row)`."""

    ID_COLUMN = "Identifiant"

    def before_import(self, dataset, **kwargs):
        if dataset.headers and self.ID_COLUMN not in dataset.headers:
            dataset.append_col([""] * len(dataset), header=self.ID_COLUMN)
        super().before_import(dataset, **kwargs)

    def before_import_row(self, row, **kwargs):
        if not str(row.get(self.ID_COLUMN) or "").strip():
            row[self.ID_COLUMN] = self.identify(row) or ""
        super().before_import_row(row, **kwargs)

    def identify(self, row) -> str | None:
        raise NotImplementedError

    def import_instance(self, instance, row, **kwargs):
        """Many-to-many cells are written after the row is saved: they are checked now,
        with the rest, so that a wrong code stops the whole file in the preview."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self.fields.values():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[field.column_name] = [str(error)]
        if errors:
            raise ValidationError(errors)


class YearWidget(widgets.Widget):
    """A year: « 2019 » (a spreadsheet may give 2019.0); empty is none."""

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip().removesuffix(".0")
        if not text:
            return None
        if not (text.isascii() and text.isdigit() and 1900 <= int(text) <= 2100):
            raise ValueError(f"« {value} » n'est pas une année (par exemple 2019).")
        return int(text)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class FrenchDateWidget(widgets.Widget):
    """A date written « 31/12/2008 » or « 2008-12-31 » (or a spreadsheet's date)."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = str(value).strip()
        for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S"):
            try:
                return datetime.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        raise ValueError(f"« {value} » n'est pas une date (par exemple 31/12/2008).")

    def render(self, value, obj=None, **kwargs):
        return value.strftime("%d/%m/%Y") if value else ""

"""What the admin's imports and exports share (django-import-export): the file formats,
as French users write them, and widgets that read and write stable codes and labels.

Separators inside a cell: codes and labels are separated by commas (« 35, 56 »); texts
that may hold commas (freins, leviers, tools, partner names) go one per line.
"""

from __future__ import annotations

import copy
import csv
import datetime
import io
import re
from pathlib import PurePath

import tablib
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.shortcuts import redirect
from import_export import resources, widgets
from import_export.formats import base_formats
from import_export.forms import ImportForm, SelectableFieldsExportForm

from vita.text import choice_code, plain, refused_character, refused_message, shown

CODE_SEPARATOR = ","
LINE_SEPARATOR = "\n"


# -- rows, as the person who wrote the file sees them ---------------------------------------
# One convention for every message about a row of a file, the public proposal form's and
# the admin's imports alike: the row number the spreadsheet shows, the header being row 1
# (the first record is « Ligne 2 »), in « Ligne N — Colonne — message ». Blank rows, which
# the readers leave out, keep their place: a reader notes the sheet row of each row it
# keeps (`dataset.sheet_rows`).


def sheet_row(sheet_rows, number: int, first_row: int = 0) -> int:
    """The spreadsheet's row of the `number`-th row read (from 1, as django-import-export
    counts them) of a chunk starting at `first_row`."""
    if sheet_rows and 0 < first_row + number <= len(sheet_rows):
        return sheet_rows[first_row + number - 1]
    return first_row + number + 1


def row_message(line: int | None, column: str, message: str) -> str:
    """« Ligne 3 — Région — … n'est pas une région connue. »"""
    where = f"Ligne {line}" if line is not None else ""
    return " — ".join(part for part in (where, str(column or ""), str(message)) if part)


def _kept_rows(headers, records) -> tablib.Dataset:
    """A dataset of the rows of `records` ((sheet row, cells)) that hold something."""
    dataset = tablib.Dataset(headers=list(headers))
    dataset.sheet_rows = []
    width = len(dataset.headers)
    for number, cells in records:
        cells = list(cells)
        if all(cell is None or str(cell).strip() == "" for cell in cells):
            continue
        dataset.append(cells + [""] * (width - len(cells)) if len(cells) < width else cells)
        dataset.sheet_rows.append(number)
    return dataset


class FrenchCSV(base_formats.CSV):
    """CSV as French Excel and LibreOffice write it: UTF-8 with or without a BOM, cells
    separated by « ; » or « , » (told from the header line). Exported as French Excel
    opens it by a double click: « ; » and a BOM (without it, Excel reads the accents as
    Windows-1252)."""

    DELIMITER = ";"
    CONTENT_TYPE = "text/csv; charset=utf-8"

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode(self.encoding or "utf-8-sig")
        text = in_stream.removeprefix("\ufeff")
        header = text.split("\n", 1)[0]
        try:
            delimiter = csv.Sniffer().sniff(header, delimiters=";,\t").delimiter
        except csv.Error:
            delimiter = ","
        records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        headers = next(records, [])
        # A record is a row of the spreadsheet, whatever the line breaks in its cells.
        return _kept_rows(headers, enumerate(records, start=2))

    def export_data(self, dataset, **kwargs):
        return "\ufeff" + super().export_data(dataset, delimiter=self.DELIMITER, **kwargs)


class FrenchXLSX(base_formats.XLSX):
    """The first sheet, its blank rows left out but counted (`dataset.sheet_rows`)."""

    def create_dataset(self, in_stream):
        import openpyxl

        workbook = openpyxl.load_workbook(io.BytesIO(in_stream), read_only=True, data_only=True)
        try:
            rows = workbook.active.iter_rows(values_only=True)
            headers = next(rows, ())
            return _kept_rows(headers, enumerate(rows, start=2))
        finally:
            workbook.close()


FORMATS = [FrenchCSV, FrenchXLSX, base_formats.JSON]


def split(value, separator: str = CODE_SEPARATOR) -> list[str]:
    if value in (None, ""):
        return []
    return [part.strip() for part in str(value).split(separator) if part.strip()]


class RememberingWidget:
    """A widget that remembers what it looked up for the length of one import: a file
    names the same rows many times. The memory is the import's (`CardImport.looked_up`),
    lent by the resource in `before_import` and taken back in `after_import`; without
    one, each look-up is made anew."""

    memory: dict | None = None

    def remember(self, key, look_up):
        if self.memory is None:
            return look_up()
        if key not in self.memory:
            self.memory[key] = look_up()
        return self.memory[key]


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
    library checks its uploads (`vita.files.check_upload`): its extension is that of
    the chosen format, its content that of its extension (a renamed image, a truncated
    or over-compressed workbook, a macro, a CSV not in UTF-8 are refused in French)."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.formats = formats

    def clean(self):
        from vita.files import check_upload

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
    sheet_rows = getattr(dataset, "sheet_rows", None)
    found = [
        (
            sheet_row(sheet_rows, number) if number else 1,
            headers[column] if column < len(headers) else f"colonne {column + 1}",
            character,
        )
        for number, row in enumerate([headers, *dataset], start=0)
        for column, value in enumerate(row)
        if isinstance(value, str) and (character := refused_character(value)) is not None
    ]
    messages = [
        row_message(line, shown(column), refused_message(character))
        for line, column, character in found[:MAX_REFUSED_CELLS]
    ]
    if len(found) > MAX_REFUSED_CELLS:
        messages.append(f"… et {len(found) - MAX_REFUSED_CELLS} autres cellules.")
    return messages


class FrenchExportForm(SelectableFieldsExportForm):
    """The export's field picker, each field named by its column in the file (« Région »,
    « Structure porteuse »), not by the model's attribute (« Porteur Slug »)."""

    def _create_boolean_fields(self, resource, index):
        self._columns = {name: field.column_name for name, field in resource().fields.items()}
        return super()._create_boolean_fields(resource, index)

    def _get_field_label(self, resource, field_name: str) -> str:
        return self._columns.get(field_name) or field_name


class SpreadsheetAdminMixin:
    """The formats every import and export of the admin offers; a file of more rows than
    IMPORT_IN_REQUEST_MAX_ROWS is imported by the task worker (vita.spreadsheet_jobs), the page
    following its progress, instead of inside the request. The preview of a file is
    `vita.spreadsheet_preview.ImportPreview`: errors first, unchanged rows only counted."""

    formats = FORMATS
    import_form_class = CheckedImportForm
    export_form_class = FrenchExportForm

    def import_action(self, request, **kwargs):
        if request.method == "POST" and self.has_import_permission(request):
            form = self.create_import_form(request)
            if form.is_valid():
                job = self._large_import(request, form)
                if job:
                    return redirect("admin:vita_importjob_change", job.pk)
        response = super().import_action(request, **kwargs)
        result = getattr(response, "context_data", {}).get("result")
        if result is not None:
            from vita.spreadsheet_preview import ImportPreview

            response.context_data["preview"] = ImportPreview(result)
        return response

    def _large_import(self, request, form):
        from vita import spreadsheet_jobs

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
        return spreadsheet_jobs.start(request.user, label, resource_class, index, upload)


class FrenchSheet(resources.ModelResource):
    """A resource whose errors are named by the file's columns (French headers)."""

    def __init__(self, html_diff: bool = True, **kwargs):
        super().__init__(**kwargs)
        if not html_diff:
            # The task worker lists counts and errors, not each row's changed fields.
            self._meta = copy.copy(self._meta)
            self._meta.skip_html_diff = True

    def before_import(self, dataset, **kwargs):
        # The rows' numbers in the spreadsheet, for every message about a row.
        self.sheet_rows = getattr(dataset, "sheet_rows", None)
        super().before_import(dataset, **kwargs)

    def after_import(self, dataset, result, **kwargs):
        result.sheet_rows, result.first_row = self.sheet_rows, kwargs.get("first_row", 0)
        super().after_import(dataset, result, **kwargs)

    def line_of(self, row_number: int, first_row: int = 0) -> int:
        """The spreadsheet's row of a row being imported."""
        return sheet_row(getattr(self, "sheet_rows", None), row_number, first_row)

    def get_diff_class(self):
        from vita.spreadsheet_preview import CellDiff

        return CellDiff

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


class IdentifiedSheet(FrenchSheet):
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

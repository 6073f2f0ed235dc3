"""The admin's import preview, readable for a file of a thousand rows: the errors first,
each by its row and column (`vita.spreadsheets.row_message`, the public form's convention), then
the rows the import would create or change, each with what it changes, and the unchanged
rows only counted (shown on demand).

django-import-export gives one result per row with a cell per column; the preview keeps
that data and only shapes it. Its cells are `PreviewCell`s instead of the library's HTML
diffs (which carry style attributes the Content Security Policy refuses).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.encoding import force_str
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString
from import_export.resources import Diff

from vita.diffs import is_long, shortened, word_diff
from vita.spreadsheets import row_message, sheet_row

NEW_CELL_LENGTH = 160  # characters of a new row's cell shown in the preview


@dataclass
class PreviewCell:
    """One cell of a previewed row: its value before and after the import."""

    old: str
    new: str
    new_row: bool

    @property
    def changed(self) -> bool:
        return bool(self.new) if self.new_row else self.old != self.new

    def __html__(self) -> SafeString:
        if self.new_row or not self.changed:
            return escape(shortened(self.new, NEW_CELL_LENGTH))
        if is_long(self.old, self.new):
            return word_diff(self.old, self.new)
        old = format_html("<del>{}</del>", self.old) if self.old else "(vide)"
        new = format_html("<ins>{}</ins>", self.new) if self.new else "(vide)"
        return format_html("{} → {}", old, new)

    __str__ = __html__  # templates make a string of it first


class CellDiff(Diff):
    """django-import-export's diff of a row, as `PreviewCell`s."""

    def as_html(self):
        return [
            PreviewCell(
                "" if self.new else force_str(old if old is not None else ""),
                force_str(new if new is not None else ""),
                bool(self.new),
            )
            for old, new in zip(self.left, self.right, strict=False)
        ]


@dataclass
class PreviewError:
    line: int | None
    column: str
    message: str

    def __str__(self) -> str:
        return row_message(self.line, self.column, self.message)


def errors_of(result) -> list[PreviewError]:
    """Every error of an import's `result`, by row (the spreadsheet's number) and column,
    in the order of the file."""
    rows = getattr(result, "sheet_rows", None)
    first = getattr(result, "first_row", 0)
    errors = []
    for row in result.invalid_rows:
        line = sheet_row(rows, row.number, first)
        for column, messages in row.error_dict.items():
            shown = "" if column == NON_FIELD_ERRORS else column
            errors += [PreviewError(line, shown, str(message)) for message in messages]
    for row in result.error_rows:
        line = sheet_row(rows, row.number, first)
        errors += [PreviewError(line, "", str(error.error)) for error in row.errors]
    errors.sort(key=lambda error: error.line or 0)
    # A batch of rows written together that the database refused: no row to name.
    errors += [
        PreviewError(None, "", f"Écriture refusée par la base : {error.error}")
        for error in result.base_errors
    ]
    return errors


@dataclass
class PreviewRow:
    line: int | None
    name: str
    cells: list[tuple[str, PreviewCell]] = field(default_factory=list)  # the changed ones


class ImportPreview:
    """What a dry run found, shaped for reading: `errors`, `new_rows`, `updated_rows`,
    `unchanged_rows` (each with its line in the file)."""

    FOLDED_OVER = 50  # rows: a longer list of new or changed rows is shown on demand

    def __init__(self, result):
        self.errors = errors_of(result)
        self.error_lines = len({error.line for error in self.errors if error.line})
        rows = getattr(result, "sheet_rows", None)
        # Every row has its result (report_skipped), in the file's order.
        numbered = len(result.rows) == result.total_rows
        self.new_rows, self.updated_rows, self.unchanged_rows = [], [], []
        kinds = {"new": self.new_rows, "update": self.updated_rows, "skip": self.unchanged_rows}
        for number, row in enumerate(result.rows, start=1):
            if row.import_type not in kinds:
                continue
            cells = [
                (header, cell)
                for header, cell in zip(result.diff_headers, row.diff or [], strict=False)
                if isinstance(cell, PreviewCell) and cell.changed
            ]
            kinds[row.import_type].append(
                PreviewRow(
                    sheet_row(rows, number) if numbered else None,
                    row.object_repr or "",
                    cells,
                )
            )
        self.total = result.total_rows

    @property
    def summary(self) -> str:
        def count(number: int, word: str) -> str:
            return f"{number} {word}{'s' if number > 1 else ''}"

        parts = [
            count(len(self.new_rows), "nouvelle"),
            count(len(self.updated_rows), "modifiée"),
            count(len(self.unchanged_rows), "inchangée"),
        ]
        if self.error_lines:
            parts.append(f"{self.error_lines} en erreur")
        return f"{count(self.total, 'ligne')} : {', '.join(parts)}."

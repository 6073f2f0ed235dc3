"""« Télécharger cette sélection »: the cards of a list or search as a CSV for French
Excel, an XLSX workbook or a PDF dossier.

A selection is the list's own search (`selectors.selection_search`: the same parameters,
FilterSet, order and messages), every page of it, refused with a French message when
its parameters are wrong or it holds more than EXPORT_MAX_CARDS cards: nothing is made
then. The CSV is streamed, its cards read a chunk at a time; the workbook and the PDF
are made in memory, which the bounds keep small (500 cards: a workbook of about 0.5 MB;
a dossier has a lower bound, EXPORT_MAX_PDF_CARDS, as its pages take time to lay out).

The columns are the admin's export's (`card_spreadsheet.CardSheet`): its headers, and
its cells where a reader can read them (texts, years, codes, one frein per line);
organisations and départements by name, which its import reads as well. Then what only
a reader needs: the publication date and the card's address.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from experiences.card_spreadsheet import CardSheet
from experiences.models import ExperienceCard, PointKind
from experiences.selectors import CardSearch, cards_in_order, selection_search, selection_slugs
from vita import pdf
from vita.db.replica import replica_reads
from vita.spreadsheets import CODE_SEPARATOR, LINE_SEPARATOR, FrenchCSV

CHUNK = 100  # cards read at a time for the CSV


class SelectionRefused(Exception):
    """A selection that is not exported, with the French sentences that say why."""

    def __init__(self, messages: list[str]):
        super().__init__(" ".join(messages))
        self.messages = messages


@dataclass
class Selection:
    search: CardSearch  # its chips name the filters
    slugs: list[str]  # its cards, in the list's order
    made_on: datetime.date

    @property
    def total(self) -> int:
        return len(self.slugs)

    def filename(self, extension: str) -> str:
        return f"fiches-vita-{self.made_on.isoformat()}.{extension}"

    def cards(self) -> Iterator[ExperienceCard]:
        """The cards in full, in order, read a chunk at a time (from the replica, as the
        list: the CSV's rows are read after its view has returned)."""
        for start in range(0, len(self.slugs), CHUNK):
            with replica_reads():
                chunk = cards_in_order(self.slugs[start : start + CHUNK])
            yield from chunk


def selection(params, dossier: bool = False) -> Selection:
    """The cards the list of `params` shows, or `SelectionRefused`; a PDF `dossier` has
    a bound of its own (EXPORT_MAX_PDF_CARDS: its pages take time to lay out)."""
    search = selection_search(params)
    if search.errors:
        raise SelectionRefused(search.errors)
    total = _number(search.total)
    if search.total > settings.EXPORT_MAX_CARDS:
        limit = _number(settings.EXPORT_MAX_CARDS)
        raise SelectionRefused(
            [
                f"Cette sélection compte {total} fiches ; l'export est limité à {limit} "
                "fiches : affinez les filtres."
            ]
        )
    if dossier and search.total > settings.EXPORT_MAX_PDF_CARDS:
        limit = _number(settings.EXPORT_MAX_PDF_CARDS)
        raise SelectionRefused(
            [
                f"Cette sélection compte {total} fiches ; le dossier PDF est limité à "
                f"{limit} fiches : affinez les filtres, ou téléchargez-la en CSV ou en XLSX."
            ]
        )
    return Selection(search, selection_slugs(search), timezone.localdate())


def _number(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")  # « 1 234 », a narrow no-break space


# -- the columns ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[ExperienceCard], object]  # a text, a year, a date or None
    width: int = 20  # in the workbook, in characters


def columns(site_url: str) -> list[Column]:
    """The columns of an export, in order; `site_url` makes the cards' addresses."""
    sheet = CardSheet()

    def admin_column(name: str, width: int = 20, value=None) -> Column:
        field = sheet.fields[name]
        return Column(
            field.column_name, value or (lambda card: sheet.export_field(field, card)), width
        )

    return [
        admin_column("title", 50),
        admin_column("porteur", 30, lambda card: card.porteur.name if card.porteur else ""),
        admin_column("region", 22, lambda card: card.region.name if card.region else ""),
        admin_column("departement", 28, _departements),
        admin_column("territory_name", 24),
        admin_column("working_group", 14),
        admin_column("category", 22),
        admin_column("start_year", 10, lambda card: card.start_year),
        admin_column("end_year", 10, lambda card: card.end_year),
        admin_column("summary", 60),
        admin_column("freins", 60),
        admin_column("leviers", 60),
        admin_column("tools", 60),
        admin_column("partners", 40, _partners),
        Column("Publiée le", _published_on, 12),
        admin_column("slug", 30),
        Column("Adresse de la fiche", lambda card: site_url + card.get_absolute_url(), 50),
    ]


def _departements(card: ExperienceCard) -> str:
    return f"{CODE_SEPARATOR} ".join(f"{d.name} ({d.code})" for d in card.departements.all())


def _partners(card: ExperienceCard) -> str:
    return LINE_SEPARATOR.join(partner.name for partner in card.partners.all())


def _published_on(card: ExperienceCard) -> datetime.date | None:
    return timezone.localdate(card.published_at) if card.published_at else None


# What makes Excel or LibreOffice read a cell of a CSV as a formula (OWASP's « CSV
# injection »): « -2+3+cmd|… » and « @SUM(…) » run as well as « =… », and « ==… » would
# still be one with a single « = » dropped (the admin's IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text(value) -> str:
    """A cell of the CSV: dates the French way, and never a formula: a text that would
    start one is prefixed with « ' », which the spreadsheet reads as « this is a text »
    (anyone may publish a card's words; this file is public)."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


# -- CSV -----------------------------------------------------------------------------------


class _Line:
    """What csv.writer writes into: the line it was given, to stream it."""

    def write(self, line: str) -> str:
        return line


def csv_lines(chosen: Selection, site_url: str) -> Iterator[str]:
    """The CSV, a line at a time: the BOM and « ; » of French Excel (`FrenchCSV`). The
    columns are made now, in the view (their vocabularies read from the replica); the
    rows as the response is sent."""
    cols = columns(site_url)
    writer = csv.writer(_Line(), delimiter=FrenchCSV.DELIMITER)

    def lines():
        yield "\ufeff" + writer.writerow([column.header for column in cols])
        for card in chosen.cards():
            yield writer.writerow([_text(column.value(card)) for column in cols])

    return lines()


# -- XLSX ----------------------------------------------------------------------------------


def xlsx_bytes(chosen: Selection, site_url: str) -> bytes:
    """The workbook, made in memory (bounded by EXPORT_MAX_CARDS), written row by row."""
    cols = columns(site_url)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Fiches expériences")
    sheet.freeze_panes = "A2"
    for number, column in enumerate(cols, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = column.width
    sheet.append([_cell(sheet, column.header, bold=True) for column in cols])
    for card in chosen.cards():
        sheet.append([_cell(sheet, column.value(card)) for column in cols])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _cell(sheet, value, bold: bool = False) -> WriteOnlyCell:
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # a text, never a formula, whatever its first character
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    elif isinstance(value, datetime.date):
        cell.number_format = "DD/MM/YYYY"
    if bold:
        cell.font = Font(bold=True)
    return cell


# -- PDF -----------------------------------------------------------------------------------


def dossier_html(chosen: Selection, site_url: str, list_url: str) -> str:
    """The dossier: a cover naming the filters, the date and the count, then each card
    as its page prints it, from a new page."""
    cards = [
        {
            "card": card,
            "freins": _points(card, PointKind.FREIN),
            "leviers": _points(card, PointKind.LEVIER),
        }
        for card in chosen.cards()
    ]
    return render_to_string(
        "experiences/dossier.html",
        {"selection": chosen, "cards": cards, "site_url": site_url, "list_url": list_url},
    )


def _points(card: ExperienceCard, kind: str) -> list:
    return [point for point in card.points.all() if point.kind == kind]


def dossier_pdf(chosen: Selection, site_url: str) -> bytes:
    """The PDF dossier (`vita.pdf`; `pdf.PdfUnavailable` without WeasyPrint), made in
    memory."""
    query = chosen.search.query_string
    list_url = site_url + reverse("experiences:list") + (f"?{query}" if query else "")
    return pdf.render(dossier_html(chosen, site_url, list_url), base_url=site_url + "/").write_pdf()

"""The « Modèle de fiche expérience »: its fields, drawn from the card model and its
vocabularies; the form that checks a proposed card; its Word and Excel versions,
generated here and read back when partners send them filled in.

Labels and guidance come from the model's verbose names and help texts, choices from
its vocabularies and the reference tables, so the templates follow the model. Every
field of the card is either in the template or in NOT_IN_TEMPLATE with the reason: a
test fails when a new field is in neither.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import docx
import openpyxl
from django import forms
from django.core.exceptions import ValidationError
from docx.shared import Pt
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from experiences.models import CardCategory, CardSubmission, ExperienceCard
from organisations.enums import StructureType
from organisations.models import Organisation
from territories.models import Departement, Milieu, Region, Scale
from vita.files import FileFormat, check_upload
from vita.forms import HoneypotForm
from vita.sorting import FrenchSortKey
from vita.spreadsheets import row_message
from vita.text import choice_code, plain, refused_character, refused_message
from workgroups.models import group_choices

TITLE = "Modèle de fiche expérience"
SHEET = "Fiches"
LISTS_SHEET = "Listes"
INSTRUCTIONS_SHEET = "Mode d'emploi"
MAX_ROWS = 200  # cards in one uploaded spreadsheet
TEMPLATE_ROWS = 200  # rows of the generated sheet that carry the drop-down lists

# Card fields the template leaves out, and why.
NOT_IN_TEMPLATE = {
    "id": "technical",
    "created_at": "technical",
    "updated_at": "technical",
    "search_vector": "computed by the database",
    "rank_vector": "computed by the database",
    "slug": "made from the title",
    "status": "a proposed card is always « en relecture »",
    "published_at": "set when an animator publishes",
    "review_comment": "written by the animator who sends a card back",
    "created_by": "the account that wrote the card in the admin",
    "region_as_written": "the région is chosen from today's list",
    "themes": "classified by the animators",
    "keywords": "classified by the animators",
    "resources": "linked by the animators",
    "source_resource": "proposed cards have no source document",
    "source_page": "proposed cards have no source document",
    "fiche": "linked by the animators to the manual",
    "contacts": "the submitter's contact is asked beside the card and kept private",
    "links": "linked by the animators",
    "listings": "the atelier is asked (working_groups)",
    "submission": "written when the card is proposed",
    "citing_fiche_links": "linked by the animators to the manual",
    "incoming_links": "linked by the animators",
    "tools_intro": "a partner lists its tools; the sentence over them is the editors'",
}


@dataclass(frozen=True)
class TemplateField:
    key: str
    label: str
    guidance: str
    model_field: str  # the card's field it fills
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()  # (code, label) of a vocabulary
    multiple: bool = False  # several values, one per line
    line_max_length: int | None = None  # for names given one per line
    long: bool = False
    year: bool = False

    @property
    def header(self) -> str:
        return f"{self.label} *" if self.required else self.label


def _label(name: str) -> str:
    verbose = str(ExperienceCard._meta.get_field(name).verbose_name)
    return verbose[:1].upper() + verbose[1:]


def _card(name: str, guidance: str = "", **options) -> TemplateField:
    """A template field for the card's own field `name`, labelled as the model names it."""
    help_text = str(ExperienceCard._meta.get_field(name).help_text).replace("Markdown.", "")
    return TemplateField(
        key=name,
        label=_label(name),
        guidance=" ".join(part for part in (guidance, help_text.strip()) if part),
        model_field=name,
        **options,
    )


def template_fields() -> list[TemplateField]:
    """The template's fields in order, with their vocabularies read now (three queries)."""
    regions = tuple(Region.objects.order_by(FrenchSortKey("name")).values_list("code", "name"))
    departements = tuple(
        (code, f"{name} ({code})") for code, name in Departement.objects.values_list("code", "name")
    )
    groups = tuple(group_choices())
    return [
        _card("title", "Un titre court qui dit ce qui a été fait.", required=True),
        _card("summary", "L'expérience en deux ou trois phrases.", long=True),
        _card("category", "Qui raconte l'expérience.", choices=tuple(CardCategory.choices)),
        TemplateField(
            "porteur",
            "Structure porteuse",
            "Le nom de la structure qui porte l'expérience.",
            "porteur",
            required=True,
        ),
        TemplateField(
            "porteur_type",
            "Type de structure du porteur",
            "Son statut.",
            "porteur",
            choices=tuple(StructureType.choices),
        ),
        TemplateField(
            "partners",
            "Partenaires",
            "Un partenaire par ligne.",
            "partners",
            multiple=True,
            long=True,
            line_max_length=Organisation._meta.get_field("name").max_length,
        ),
        _card("region", "La région d'aujourd'hui.", required=True, choices=regions),
        TemplateField(
            "departement",
            "Département",
            "Le département principal de l'expérience.",
            "departements",
            choices=departements,
        ),
        _card("territory_name"),
        _card("scale", "L'échelle du territoire.", choices=tuple(Scale.choices)),
        TemplateField(
            "milieu",
            "Milieu",
            "Urbain, périurbain, semi-rural ou rural.",
            "milieux",
            choices=tuple(Milieu.choices),
        ),
        _card("start_year", "Par exemple 2019.", year=True),
        _card("end_year", "Vide si l'expérience continue.", year=True),
        TemplateField(
            "working_group",
            "Atelier ou groupe de travail",
            "Le groupe de travail dont relève l'expérience, s'il y en a un.",
            "working_groups",
            choices=groups,
        ),
        _card("key_figures", "Salariés, chiffre d'affaires, publics accompagnés…", long=True),
        _card("context", "Le territoire, les besoins, ce qui a fait naître le projet.", long=True),
        _card(
            "actions", "Ce qui a été fait, par qui, avec quels moyens.", required=True, long=True
        ),
        _card("results", long=True),
        _card("perspectives", long=True),
        _card("problematiques", long=True),
        _card("mutualisation_sought", "Ce que vous aimeriez partager avec d'autres.", long=True),
        _card("mutualisation_offered", "Ce que vous pouvez apporter à d'autres.", long=True),
        TemplateField(
            "freins",
            "Freins rencontrés",
            "Un frein par ligne.",
            "points",
            multiple=True,
            long=True,
        ),
        TemplateField(
            "leviers",
            "Leviers",
            "Ce qui a aidé : un levier par ligne.",
            "points",
            multiple=True,
            long=True,
        ),
        TemplateField(
            "tools",
            "Outils et ressources",
            "Un outil ou une ressource par ligne.",
            "tools",
            multiple=True,
            long=True,
        ),
    ]


# -- checking a proposed card ------------------------------------------------------------


def proposal_form_class(fields: list[TemplateField]) -> type[forms.Form]:
    """The form of one proposed card (the web form, a row or a table of a filled
    template), built once per request from the template's fields."""
    return type("CardProposalForm", (ProposalForm,), {f.key: _form_field(f) for f in fields})


def _constraint_message(name: str) -> str:
    (constraint,) = [c for c in ExperienceCard._meta.constraints if c.name == name]
    return str(constraint.violation_error_message)


class ProposalForm(forms.Form):
    """What the card's table checks too, checked before anything is written (the
    database's refusal was a 500), with the model's own message."""

    PERIOD_IN_ORDER = _constraint_message("card_period_in_order")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start is not None and end is not None and end < start:
            self.add_error("end_year", self.PERIOD_IN_ORDER)
        return cleaned


def _form_field(field: TemplateField) -> forms.Field:
    common = {"label": field.label, "required": field.required, "help_text": field.guidance}
    if field.choices:
        return forms.ChoiceField(choices=[("", "—"), *field.choices], **common)
    if field.year:
        return forms.IntegerField(min_value=1900, max_value=2100, **common)
    if field.long:
        return LinesField(
            max_length=10_000,
            line_max_length=field.line_max_length,
            widget=forms.Textarea(attrs={"rows": 4}),
            **common,
        )
    return forms.CharField(max_length=255, **common)


class LinesField(forms.CharField):
    """A text whose lines may each be a name, of at most `line_max_length` characters."""

    def __init__(self, *, line_max_length: int | None = None, **kwargs):
        super().__init__(**kwargs)
        self.line_max_length = line_max_length

    def validate(self, value):
        super().validate(value)
        for line in lines(value) if self.line_max_length else ():
            if len(line) > self.line_max_length:
                raise ValidationError(
                    f"Une ligne dépasse {self.line_max_length} caractères : « {line[:40]}… »."
                )


def _submission_length(name: str) -> int:
    return CardSubmission._meta.get_field(name).max_length


class SubmitterForm(HoneypotForm):
    """Who proposes: kept with the card for the animators, never shown on public pages."""

    contact_name = forms.CharField(
        label="Votre nom et prénom", max_length=_submission_length("contact_name")
    )
    # The form's own limit (320) is longer than the column's (254).
    contact_email = forms.EmailField(
        label="Votre adresse e-mail", max_length=_submission_length("contact_email")
    )
    contact_phone = forms.CharField(
        label="Votre téléphone (facultatif)",
        max_length=_submission_length("contact_phone"),
        required=False,
    )


def lines(value: str) -> list[str]:
    return [line.strip(" -•\t") for line in (value or "").splitlines() if line.strip(" -•\t")]


def to_codes(values: dict[str, object], fields: list[TemplateField]) -> dict[str, str]:
    """A filled template's values as the form expects them: text, with the choices given
    by their label (or their code) turned into codes, accents and case aside."""
    data = {}
    for field in fields:
        value = values.get(field.key)
        if value is None:
            continue
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value).strip()
        if field.choices and text:
            text = choice_code(text, field.choices) or text  # unknown: the form says so
        data[field.key] = text
    return data


# -- the Excel version ---------------------------------------------------------------------

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")


def build_xlsx() -> bytes:
    """One row per card under French headers, drop-down lists for the vocabularies, and
    a « Mode d'emploi » sheet."""
    fields = template_fields()
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    lists = workbook.create_sheet(LISTS_SHEET)
    instructions = workbook.create_sheet(INSTRUCTIONS_SHEET)
    list_column = 0
    for index, field in enumerate(fields, start=1):
        cell = sheet.cell(row=1, column=index, value=field.header)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = 45 if field.long else 28
        cells = f"{letter}2:{letter}{TEMPLATE_ROWS + 1}"
        if field.choices:
            list_column += 1
            list_letter = get_column_letter(list_column)
            labels = [label for _, label in field.choices]
            lists.cell(row=1, column=list_column, value=field.label)
            for row, label in enumerate(labels, start=2):
                lists.cell(row=row, column=list_column, value=label)
            validation = DataValidation(
                type="list",
                formula1=f"'{LISTS_SHEET}'!${list_letter}$2:${list_letter}${len(labels) + 1}",
                allow_blank=True,
                errorTitle=field.label,
                error="Choisissez une valeur de la liste.",
            )
        elif field.year:
            validation = DataValidation(
                type="whole", operator="between", formula1="1900", formula2="2100",
                allow_blank=True, errorTitle=field.label, error="Une année, par exemple 2019.",
            )  # fmt: skip
        else:
            validation = None
        if validation:
            sheet.add_data_validation(validation)
            validation.add(cells)
        if field.long:
            for row in range(2, 12):
                sheet.cell(row=row, column=index).alignment = Alignment(wrap_text=True)
    sheet.freeze_panes = "A2"
    lists.sheet_state = "hidden"
    _write_instructions(instructions, fields)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_instructions(sheet, fields: list[TemplateField]) -> None:
    sheet["A1"] = TITLE
    sheet["A1"].font = Font(bold=True, size=14)
    paragraphs = [
        f"Une ligne par expérience, dans la feuille « {SHEET} ». Les colonnes marquées * sont "
        "obligatoires.",
        "Les colonnes à liste (catégorie, type de structure, région, département, milieu, "
        "atelier…) se remplissent en choisissant une valeur dans la liste.",
        "Dans une même cellule, plusieurs partenaires, freins, leviers ou outils vont chacun "
        "sur sa ligne (Alt+Entrée dans Excel, Ctrl+Entrée dans LibreOffice).",
        "Déposez ensuite le fichier sur la page « Proposer une expérience » du centre de "
        "ressources : les animateurs relisent chaque fiche avant de la publier.",
    ]
    for row, text in enumerate(paragraphs, start=3):
        sheet.cell(row=row, column=1, value=text)
    start = len(paragraphs) + 4
    for column, header in enumerate(("Colonne", "Obligatoire", "Ce qu'on y écrit"), start=1):
        sheet.cell(row=start, column=column, value=header).font = Font(bold=True)
    for row, field in enumerate(fields, start=start + 1):
        sheet.cell(row=row, column=1, value=field.label)
        sheet.cell(row=row, column=2, value="oui" if field.required else "")
        sheet.cell(row=row, column=3, value=field.guidance)
    sheet.column_dimensions["A"].width = 35
    sheet.column_dimensions["C"].width = 90


UNREADABLE_XLSX = (
    "Le fichier Excel ne peut pas être lu : enregistrez-le de nouveau au format .xlsx."
)
# Rows read at most, empty ones included: a sheet of a million empty rows is refused.
MAX_SCANNED_ROWS = 5_000


def read_xlsx(content: bytes, fields: list[TemplateField]) -> list[tuple[int, dict[str, str]]]:
    """The filled rows of a spreadsheet, with their row numbers, as form data."""
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ValidationError(UNREADABLE_XLSX) from error
    try:
        return _filled_rows(workbook, fields)
    except ValidationError:
        raise
    except Exception as error:  # the sheets are read lazily: damage shows up here too
        raise ValidationError(UNREADABLE_XLSX) from error
    finally:
        workbook.close()


def _filled_rows(workbook, fields: list[TemplateField]) -> list[tuple[int, dict[str, str]]]:
    sheet = workbook[SHEET] if SHEET in workbook.sheetnames else workbook.worksheets[0]
    if (sheet.max_row or 0) > MAX_SCANNED_ROWS + 1:
        raise ValidationError(
            f"La feuille « {sheet.title} » compte plus de {MAX_SCANNED_ROWS} lignes : "
            "retirez les lignes vides ou envoyez-la en plusieurs fois."
        )
    rows = sheet.iter_rows(values_only=True, max_row=MAX_SCANNED_ROWS + 1)
    header = next(rows, None) or ()
    by_header = {plain(field.label): field.key for field in fields}
    columns = {
        index: by_header[plain(str(title).rstrip(" *"))]
        for index, title in enumerate(header)
        if title is not None and plain(str(title).rstrip(" *")) in by_header
    }
    missing = [f.header for f in fields if f.required and f.key not in columns.values()]
    if missing:
        raise ValidationError(
            f"Il manque des colonnes obligatoires dans la feuille « {sheet.title} » : "
            f"{', '.join(missing)}. Partez du modèle à télécharger."
        )
    filled = []
    for number, row in enumerate(rows, start=2):
        values = {columns[i]: value for i, value in enumerate(row) if i in columns}
        if all(value in (None, "") for value in values.values()):
            continue
        if len(filled) == MAX_ROWS:
            raise ValidationError(
                f"Le fichier contient plus de {MAX_ROWS} fiches : envoyez-le en plusieurs fois."
            )
        filled.append((number, to_codes(values, fields)))
    if not filled:
        raise ValidationError(f"La feuille « {sheet.title} » ne contient aucune fiche remplie.")
    return filled


# -- the Word version -------------------------------------------------------------------------


def build_docx() -> bytes:
    """A form: one table row per field, its label and guidance on the left, the answer
    to write on the right."""
    document = docx.Document()
    document.add_heading(TITLE, level=1)
    document.add_paragraph(
        "Remplissez la colonne de droite, puis déposez ce fichier sur la page « Proposer une "
        "expérience » du centre de ressources. Les rubriques marquées * sont obligatoires ; "
        "les animateurs relisent chaque fiche avant de la publier."
    )
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for field in template_fields():
        left, _right = table.add_row().cells
        left.paragraphs[0].add_run(field.header).bold = True
        guidance = field.guidance
        if field.choices and field.key not in ("departement", "region", "working_group"):
            guidance += " Valeurs possibles : " + " ; ".join(label for _, label in field.choices)
            guidance += "."
        elif field.choices:
            guidance += " Écrivez son nom (ou son code)."
        if guidance.strip():
            run = left.add_paragraph().add_run(guidance.strip())
            run.italic = True
            run.font.size = Pt(8)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


UNREADABLE_DOCX = "Le fichier Word ne peut pas être lu : enregistrez-le de nouveau au format .docx."


def read_docx(content: bytes, fields: list[TemplateField]) -> dict[str, str]:
    """The answers of a filled Word template, as form data."""
    try:
        values = _answers(docx.Document(io.BytesIO(content)), fields)
    except Exception as error:  # python-docx raises many kinds for a damaged file
        raise ValidationError(UNREADABLE_DOCX) from error
    if not values:
        raise ValidationError(
            f"Ce document Word n'est pas le « {TITLE} » : partez du modèle à télécharger."
        )
    return to_codes(values, fields)


def _answers(document, fields: list[TemplateField]) -> dict[str, str]:
    by_label = {plain(field.label): field.key for field in fields}
    values = {}
    for table in document.tables:
        for row in table.rows:
            cells = row.cells
            if len(cells) < 2:
                continue
            label = plain(cells[0].text.strip().split("\n")[0].rstrip(" *"))
            if label in by_label:
                values[by_label[label]] = "\n".join(p.text for p in cells[1].paragraphs).strip()
    return values


# -- a filled template sent back -------------------------------------------------------------


def read_proposals(upload, fields: list[TemplateField]) -> tuple[str, list[dict], list[str]]:
    """The cards of a filled DOCX or XLSX template: its format, the checked proposals and,
    if any is wrong, the list of what is (per row for a spreadsheet) — then no proposal."""
    file_format = check_upload(upload)
    if file_format not in (FileFormat.DOCX, FileFormat.XLSX):
        raise ValidationError("Déposez le modèle rempli au format Word (.docx) ou Excel (.xlsx).")
    content = upload.read()
    form_class = proposal_form_class(fields)
    # A spreadsheet's rows are named as the admin's imports name them (the sheet's row
    # number, the header being row 1: `vita.spreadsheets.row_message`); a DOCX has no rows.
    if file_format == FileFormat.DOCX:
        entries = [(None, read_docx(content, fields))]
    else:
        entries = read_xlsx(content, fields)
    proposals, errors = [], []
    for line, data in entries:
        refused = _refused_characters(data, form_class)
        if refused:
            errors += [row_message(line, label, message) for label, message in refused]
            continue
        form = form_class(data)
        if form.is_valid():
            proposals.append(form.cleaned_data)
            continue
        for name, messages in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            errors += [row_message(line, label, message) for message in messages]
    return file_format.value, ([] if errors else proposals), errors


def _refused_characters(data: dict[str, str], form_class) -> list[tuple[str, str]]:
    """(label, message) of each value read from a file that the portal could neither store
    nor export, before the form sees any (the form refuses only NUL). XML, hence a
    well-formed DOCX or XLSX, cannot hold one: this keeps any reader from letting one in."""
    return [
        (form_class.base_fields[key].label, refused_message(character))
        for key, value in data.items()
        if (character := refused_character(value)) is not None
    ]

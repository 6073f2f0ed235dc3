"""The source documents the project ships (fixtures/sources/) and their parsers."""

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

SOURCES_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "sources"


@dataclass(frozen=True)
class SourceDocument:
    code: str
    filename: str
    title: str
    parser_module: str  # a module of sources.parsers with `parse(text) -> ParsedDocument`
    year: int  # when it was published: the date of a record nobody has edited since

    @property
    def path(self) -> Path:
        return SOURCES_DIR / self.filename

    def parser(self):
        return import_module(self.parser_module).parse


DOCUMENTS = [
    SourceDocument(
        "000",
        "000-coorace-recueil-experiences-vita-2008.txt",
        "COORACE, Recueil d'expériences VITA (2008)",
        "sources.parsers.recueil_vita",
        2008,
    ),
    SourceDocument(
        "001",
        "001-fiches-synthetiques-projets-vita-dts-2010.txt",
        "Fiches synthétiques projets VITA-DTS (2010)",
        "sources.parsers.fiches_dts",
        2010,
    ),
    SourceDocument(
        "002",
        "002-avise-dla-et-territoires-n18-2012.txt",
        "Avise, DLA & Territoires n°18 (2012)",
        "sources.parsers.dla_territoires",
        2012,
    ),
    SourceDocument(
        "003",
        "003-coorace-manuel-de-reference-dts-v1-2010.txt",
        "COORACE, Manuel de référence DTS, version 1 (2010)",
        "sources.parsers.manuel_dts",
        2010,
    ),
    SourceDocument(
        "004",
        "004-webinaire-iae-ea-cooperation-hauts-de-france-2022.txt",
        "Webinaire IAE et EA : coopération avec les acteurs du territoire (2022)",
        "sources.parsers.webinaire_cooperation",
        2022,
    ),
]

DOCUMENTS_BY_CODE = {document.code: document for document in DOCUMENTS}

"""Import source documents: parse, repair, write, one transaction per document."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.db import transaction

from sources import corrections
from sources.documents import SourceDocument
from sources.records import ParsedDocument, SourceFormatError
from sources.writer import DocumentWriter, ImportReport


@dataclass
class DocumentOutcome:
    document: SourceDocument
    parsed: ParsedDocument
    report: ImportReport
    seconds: float


def parse_document(document: SourceDocument) -> ParsedDocument:
    try:
        text = document.path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SourceFormatError(f"cannot read {document.filename}: {error}") from error
    try:
        parsed = document.parser()(corrections.apply(document.code, text))
    except (OSError, UnicodeDecodeError) as error:
        # Parsers read the other documents too (their vocabularies).
        raise SourceFormatError(f"cannot read a source document: {error}") from error
    if parsed.code != document.code:
        raise SourceFormatError(f"parser of {document.code} returned document {parsed.code}")
    return parsed


def import_document(document: SourceDocument, *, dry_run: bool = False) -> DocumentOutcome:
    """Parse and write one document; nothing is written if anything fails (or dry_run)."""
    started = time.perf_counter()
    report = ImportReport()
    with transaction.atomic():
        parsed = parse_document(document)
        DocumentWriter(parsed, report).write()
        if dry_run:
            transaction.set_rollback(True)
    return DocumentOutcome(document, parsed, report, time.perf_counter() - started)

from django.core.management.base import BaseCommand, CommandError

from sources.documents import DOCUMENTS, DOCUMENTS_BY_CODE
from sources.importer import import_document
from sources.records import SourceFormatError
from sources.writer import CREATED, DELETED, UNCHANGED, UPDATED, ImportReport


class Command(BaseCommand):
    help = (
        "Import the source documents of fixtures/sources/ (experience cards, working groups, "
        "the manual's fiches…). Idempotent: a second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--only",
            action="append",
            choices=sorted(DOCUMENTS_BY_CODE),
            metavar="CODE",
            help="import only this document (000 to 004); may be repeated",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would change, write nothing"
        )

    def handle(self, *args, only=None, dry_run=False, **options):
        documents = [d for d in DOCUMENTS if not only or d.code in only]
        total = ImportReport()
        for document in documents:
            self.stdout.write(f"{document.code} {document.title}… ", ending="")
            self.stdout.flush()
            try:
                outcome = import_document(document, dry_run=dry_run)
            except SourceFormatError as error:
                self.stdout.write(self.style.ERROR("failed"))
                raise CommandError(
                    f"Document {document.code} ({document.filename}) could not be imported: "
                    f"{error}. Nothing of it was written."
                ) from error
            parsed = outcome.parsed
            self.stdout.write(
                f"{len(parsed.cards)} fiches expériences, {len(parsed.groups)} groupes, "
                f"{len(parsed.fiches)} fiches structurées, {len(parsed.resources) + 1} ressources "
                f"({outcome.seconds:.1f} s)"
            )
            total.merge(outcome.report)
        self._print_report(total, dry_run)

    def _print_report(self, report: ImportReport, dry_run: bool):
        columns = [CREATED, UPDATED, UNCHANGED, DELETED]
        width = max([len(label) for label in report.counts] + [10])
        self.stdout.write("")
        self.stdout.write(f"{'':{width}}  " + "  ".join(f"{c:>10}" for c in columns))
        for label in sorted(report.counts):
            counts = report.counts[label]
            self.stdout.write(f"{label:{width}}  " + "  ".join(f"{counts[c]:>10}" for c in columns))
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(f"attention : {warning}"))
        if dry_run:
            self.stdout.write(self.style.NOTICE("Dry run: nothing was written."))
        elif not report.changed:
            self.stdout.write(self.style.SUCCESS("Everything was already up to date."))

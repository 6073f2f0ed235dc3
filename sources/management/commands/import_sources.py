from django.core.management.base import BaseCommand, CommandError

from sources.documents import DOCUMENTS, DOCUMENTS_BY_CODE
from sources.importer import import_document
from sources.records import SourceFormatError
from sources.writer import CREATED, DELETED, UNCHANGED, UPDATED, ImportReport

# How many kept fields the summary names before it counts the rest.
KEPT_SHOWN = 10


def named_events(events) -> str:
    """« 1 événement (« IAE et EA : … ? ») »: a document's events are few, each named."""
    titles = ", ".join(f"« {event.title} »" for event in events)
    return f"{len(events)} événement{'s' if len(events) > 1 else ''} ({titles})"


class Command(BaseCommand):
    help = (
        "Import the source documents of fixtures/sources/ (experience cards, working groups, "
        "the manual's fiches…). A second run changes nothing, and no run undoes what an "
        "editor changed. -v 2 adds the parsers' notes for developers."
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

    def handle(self, *args, only=None, dry_run=False, verbosity=1, **options):
        documents = [d for d in DOCUMENTS if not only or d.code in only]
        total = ImportReport()
        for document in documents:
            self.stdout.write(f"{document.code} {document.title} : ", ending="")
            self.stdout.flush()
            try:
                outcome = import_document(document, dry_run=dry_run)
            except SourceFormatError as error:
                self.stdout.write(self.style.ERROR("échec"))
                raise CommandError(
                    f"Le document {document.code} ({document.filename}) n'a pas pu être "
                    f"importé : {error}. Rien n'en a été écrit."
                ) from error
            parsed = outcome.parsed
            events = f", {named_events(parsed.events)}" if parsed.events else ""
            seconds = f"{outcome.seconds:.1f}".replace(".", ",")
            self.stdout.write(
                f"{len(parsed.cards)} fiches expériences, {len(parsed.groups)} groupes, "
                f"{len(parsed.fiches)} fiches structurées, {len(parsed.resources) + 1} "
                f"ressources{events} ({seconds} s)"
            )
            total.merge(outcome.report)
        self._print_report(total, dry_run, verbosity)

    def _print_report(self, report: ImportReport, dry_run: bool, verbosity: int):
        write = self.stdout.write
        if report.changed:
            columns = [CREATED, UPDATED, DELETED]
            changed = {
                label: counts
                for label, counts in report.counts.items()
                if any(counts[c] for c in columns)
            }
            width = max(len(label) for label in changed)
            write("")
            write(f"{'':{width}}  " + "  ".join(f"{c:>10}" for c in columns))
            for label in sorted(changed):
                counts = changed[label]
                write(f"{label:{width}}  " + "  ".join(f"{counts[c]:>10}" for c in columns))
        if verbosity >= 2:
            for label in sorted(report.counts):
                write(f"{label} inchangés : {report.counts[label][UNCHANGED]}")
        if report.kept:
            write("")
            write(
                self.style.WARNING(
                    f"Modifiés dans l'administration, conservés : {len(report.kept)} champ(s)."
                )
            )
            shown = report.kept if verbosity >= 2 else report.kept[:KEPT_SHOWN]
            for kept in shown:
                write(f"  {kept.model} « {kept.record} » : {kept.field}")
            if len(shown) < len(report.kept):
                write(f"  … et {len(report.kept) - len(shown)} autre(s) (-v 2 les liste tous).")
        if report.gone:
            write(
                f"Supprimés dans l'administration, non recréés : {len(report.gone)} "
                f"({', '.join(report.gone[:KEPT_SHOWN])}"
                + (", …)" if len(report.gone) > KEPT_SHOWN else ")")
            )
        open_now = report.doubts_open + report.doubts_opened
        if open_now or report.doubts_closed:
            write(
                f"Points à vérifier de l'import : {open_now} ouvert(s), dont "
                f"{report.doubts_opened} nouveau(x) ; {report.doubts_closed} réglé(s) par ce "
                "passage. Voir « Points à vérifier » dans l'administration."
            )
        if verbosity >= 2:
            for warning in report.warnings:
                write(f"note : {warning}")
        if dry_run:
            write(self.style.NOTICE("Essai à blanc : rien n'a été écrit."))
        elif not report.changed:
            write(self.style.SUCCESS("Tout était déjà à jour."))

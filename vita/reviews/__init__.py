"""« Points à vérifier »: what readers report and what the import of the source documents
could not settle, about a card, a group, a fiche, a resource or an organisation, until an
animator settles it. The writes are in `services` (re-exported here for the import and
the views), the reads in `selectors`."""

from vita.reviews.services import (
    NO_LONGER_STATED,
    DoubtsOutcome,
    ImportDoubt,
    close_points,
    report_error,
    sync_import_doubts,
)

__all__ = [
    "NO_LONGER_STATED",
    "DoubtsOutcome",
    "ImportDoubt",
    "close_points",
    "report_error",
    "sync_import_doubts",
]

"""Which fields of an imported record the import may still write.

The import owns a field while the field holds what the import last wrote there
(`ImportedRecord.written` keeps a fingerprint of it). Once anybody else changes it — an
animator in the admin, a spreadsheet import, a restored version — the field is theirs and
the import leaves it, whatever the document now says. Lists of child rows (freins and
leviers, tools, contacts, listings…) are owned the same way, each as a whole.

Records imported before fingerprints were kept have none: their history tells which
fields a person changed last (`vita.history.authorship`), and those count as edited.
"""

from __future__ import annotations

import enum
import hashlib
import json
from datetime import UTC, date, datetime
from decimal import Decimal

from django.db import models

# The change reason of every version the import writes in a record's history (the kernel
# holds it: the apps below tell the import's records by it).
from vita.history import IMPORT_REASON  # noqa: F401


def comparable(value):
    """A JSON-able form of a field's value, as the database holds it: a related row by its
    primary key, dates as ISO text (a moment in UTC, as PostgreSQL gives it back), lists
    as lists."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).isoformat()
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [comparable(item) for item in value]
    if isinstance(value, dict):
        return {key: comparable(item) for key, item in value.items()}
    return value


def fingerprint(value) -> str:
    """A short hash of a value in its comparable form."""
    text = json.dumps(comparable(value), ensure_ascii=False, sort_keys=True)
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def field_value(instance: models.Model, name: str):
    """The comparable value of one field of a row (a relation by its key)."""
    model_field = instance._meta.get_field(name)
    if model_field.is_relation:
        return getattr(instance, model_field.attname)
    return comparable(getattr(instance, name))


def is_empty(value) -> bool:
    return value in (None, "", [], ())


# Stored in place of a fingerprint for a field found edited before the import ever wrote a
# value there that it remembers: the field is a person's until it equals the document.
EDITED = "edited"


class Decision(enum.Enum):
    WRITE = "write"  # the import writes the document's value
    OWN = "own"  # the row already holds the document's value: the import owns it again
    KEEP = "keep"  # somebody else changed it: kept, and the run's report says so
    LEAVE = "leave"  # another document's or an editor's value in a shared record: not ours


def decide(
    *,
    current: str,
    new: str,
    last: str | None,
    created: bool = False,
    current_empty: bool = False,
    legacy: bool = False,
    edited_by_a_person: bool = False,
    shared: bool = False,
    owned_by_another_document: bool = False,
) -> Decision:
    """What the import does with one field (or list) of a record.

    `current`, `new` and `last` are fingerprints: of what the row holds, of what the
    document says, of what this document's import last wrote (None: it never wrote it, or
    wrote it before fingerprints were kept). `legacy`: the record was imported before
    fingerprints were kept, and `edited_by_a_person` says whether its history shows a
    person's change last. `shared` records (organisations, people) are written by several
    documents: each only fills the fields nobody else has filled."""
    if created:
        return Decision.WRITE
    if last is not None:
        if current == last:
            return Decision.WRITE
        return Decision.OWN if current == new else Decision.KEEP
    if shared:
        # Filled by another document or by a person: theirs, even if equal to ours.
        if owned_by_another_document or edited_by_a_person:
            return Decision.LEAVE
        if current == new:
            return Decision.OWN
        return Decision.WRITE if current_empty else Decision.LEAVE
    if current == new:
        return Decision.OWN
    if legacy:
        return Decision.KEEP if edited_by_a_person else Decision.WRITE
    return Decision.WRITE if current_empty else Decision.KEEP

"""A record's history (django-simple-history) in human terms, for the admin's history and
restore pages: each change under its field's label, values as the admin shows them (« Publiée »,
not `published`; a structure by its name; a date in Paris time), long texts as a word diff
(`vita.diffs`), everything escaped."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from simple_history.template_utils import HistoricalRecordContextHelper

from vita.diffs import is_long, word_diff
from vita.models import PublicationStatus

EMPTY = "(vide)"
# Said by the version's own date: shown on every change, it would say nothing.
HIDDEN_FIELDS = {"updated_at"}
# The records with a status are fiches and ressources: their status in the feminine.
STATUS_LABELS = {
    **dict(PublicationStatus.choices),
    PublicationStatus.PUBLISHED: "Publiée",
    PublicationStatus.ARCHIVED: "Archivée",
}


def status_label(value: str) -> str:
    return STATUS_LABELS.get(value, value)


def shown_value(field: models.Field, value) -> str:
    """A field's value as a person reads it."""
    if value is None or value == "" or value == []:
        return EMPTY
    if field.name == "status" and field.choices:
        return status_label(value)
    if isinstance(field, ArrayField):
        labels = dict(field.base_field.flatchoices) if field.base_field.choices else {}
        return ", ".join(str(labels.get(item, item)) for item in value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return "oui" if value else "non"
    if isinstance(value, datetime.datetime):
        moment = timezone.localtime(value) if timezone.is_aware(value) else value
        return date_format(moment, "j F Y à H:i")  # the site's zone: Europe/Paris
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    if isinstance(value, list | tuple | set):
        return ", ".join(str(item) for item in value)
    return str(value)


@dataclass
class FieldChange:
    """One field changed: its label, its values before and after, as text."""

    name: str
    label: str
    old: str
    new: str
    items: tuple[list[str], list[str]] | None = None  # a list's labels, before and after

    @property
    def diff(self) -> SafeString:
        """Short values whole (old → new); lists as the items removed and added; long
        texts as the words changed."""
        if self.items is not None:
            old, new = self.items
            return format_html_join(
                ", ",
                "{}",
                [(format_html("<del>{}</del>", item),) for item in old if item not in new]
                + [
                    (format_html("<ins>{}</ins>", item) if item not in old else item,)
                    for item in new
                ],
            ) or format_html("{}", EMPTY)
        if is_long(self.old, self.new):
            return word_diff(*("" if text == EMPTY else text for text in (self.old, self.new)))
        old = format_html("<del>{}</del>", self.old) if self.old != EMPTY else EMPTY
        new = format_html("<ins>{}</ins>", self.new) if self.new != EMPTY else EMPTY
        return format_html("{} → {}", old, new)

    def __html__(self) -> SafeString:
        return format_html('<span class="history-field">{}</span> : {}', self.label, self.diff)

    __str__ = __html__  # templates make a string of it first


def field_change(model, name: str, old, new) -> FieldChange:
    field = model._meta.get_field(name)
    items = None
    if isinstance(field, ArrayField):
        items = tuple(
            [shown_value(field.base_field, item) for item in value or []] for value in (old, new)
        )
    return FieldChange(
        name,
        capfirst(str(field.verbose_name)),
        shown_value(field, old),
        shown_value(field, new),
        items,
    )


class FrenchChangesHelper(HistoricalRecordContextHelper):
    """simple-history's changes of a version, as `FieldChange`s."""

    def context_for_delta_changes(self, delta):
        return [
            field_change(self.model, change.field, change.old, change.new)
            for change in delta.changes
            if change.field not in HIDDEN_FIELDS
        ]


def restore_changes(current, version, kept=()) -> list[FieldChange]:
    """What restoring `version` (a historical record's instance) would change in the
    record as it is now (`current`), field by field; the fields named in `kept` stay as
    they are (read-only for the person restoring)."""
    historical = {field.attname for field in type(version)._meta.concrete_fields}
    changes = []
    for field in type(current)._meta.concrete_fields:
        if field.primary_key or field.name in {*HIDDEN_FIELDS, *kept}:
            continue
        if field.attname not in historical:
            continue
        if not field.editable:
            continue  # not written by the restore (created_by, dates kept by the database)
        if getattr(current, field.attname) == getattr(version, field.attname):
            continue
        old, new = (_value(record, field) for record in (current, version))
        changes.append(field_change(type(current), field.name, old, new))
    return changes


def _value(record, field):
    if not field.is_relation:
        return getattr(record, field.attname)
    try:
        return getattr(record, field.name)
    except ObjectDoesNotExist:  # a version may point to a row deleted since
        return "(supprimé)"

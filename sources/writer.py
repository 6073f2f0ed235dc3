"""Write a ParsedDocument into the model, counting what changed, never undoing an editor.

Each record of the document is found again by its source key (`sources.models
.ImportedRecord`: the document and a key made of its codes, pages or positions), or, the
first time, by the slug or code it had before keys were kept. A record the import created
is the document's; but each of its fields, and each list of its child rows, stays the
import's only while it holds what the import last wrote there (`sources.ownership`): what
an animator changed is kept, and the run's report says so. Organisations and people are
shared by several documents: each document fills only the fields nobody else has filled.
A record deleted in the administration is not created again.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, time
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.text import slugify

from events.models import Event, EventPart, EventSpeaker
from experiences.models import (
    CardPoint,
    ExperienceCard,
    ProjectListing,
)
from experiences.writing import MANY_TO_MANY as CARD_MANY_TO_MANY
from experiences.writing import RowOutcome, save_card, write_related
from organisations.matching import (
    BRACKETED_ACRONYM,
    OrganisationIndex,
    by_part,
    name_key,
    name_keys,
    organisation_keys,
)
from organisations.models import (
    Organisation,
    Person,
    PersonMention,
    Presentation,
    absolute_url,
)
from resources.models import (
    Collection,
    Fiche,
    KeyPointKind,
    Keyword,
    KeywordEntry,
    Resource,
    Theme,
)
from sources import corrections
from sources.documents import DOCUMENTS_BY_CODE
from sources.models import ImportedRecord
from sources.ownership import (
    EDITED,
    IMPORT_REASON,
    Decision,
    comparable,
    decide,
    field_value,
    fingerprint,
    is_empty,
)
from sources.records import (
    CardRecord,
    ContactRecord,
    EventPartRecord,
    EventRecord,
    OrganisationRecord,
    ParsedDocument,
    PersonRecord,
    ResourceRecord,
    SourceFormatError,
)
from territories.models import Departement
from territories.services import find_region
from vita.history import Authorship, authorship
from vita.models import REVIEWABLE_MODELS, PublicationStatus
from vita.reviews import ImportDoubt, sync_import_doubts
from vita.slugs import free_slug
from workgroups.models import Programme, WorkingGroup, WorkingGroupStatus

CREATED, UPDATED, UNCHANGED, DELETED = "créés", "modifiés", "inchangés", "supprimés"
# The card writer's outcomes, as the report names them.
OUTCOMES = {
    RowOutcome.CREATED: CREATED,
    RowOutcome.UPDATED: UPDATED,
    RowOutcome.UNCHANGED: UNCHANGED,
    RowOutcome.DELETED: DELETED,
}


# Where a model's plural would not say what was imported (an event's parts are its
# « programme » in the admin, which the report would take for a work programme).
REPORT_LABELS = {
    EventPart: "parties de programme d'événement",
    EventSpeaker: "intervenants d'événement",
}


def _record_name(instance: models.Model) -> str:
    """How the report names a record: a programme's part with its event."""
    if isinstance(instance, EventPart):
        return f"{instance.event} — {instance}"
    return str(instance)


@dataclass(frozen=True)
class KeptField:
    """A field (or list) an editor changed, which the import left as it was."""

    model: str  # the model's verbose name: « fiche expérience »
    record: str
    field: str  # the field's label: « titre », « freins et leviers »


@dataclass
class ImportReport:
    counts: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    kept: list[KeptField] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)  # records deleted by an editor
    doubts_opened: int = 0
    doubts_open: int = 0
    doubts_closed: int = 0
    warnings: list[str] = field(default_factory=list)  # notes for developers, in English

    def add(self, model: type[models.Model], outcome: str, number: int = 1) -> None:
        if number:
            label = REPORT_LABELS.get(model) or str(model._meta.verbose_name_plural)
            self.counts[label][outcome] += number

    def merge(self, other: ImportReport) -> None:
        for label, counter in other.counts.items():
            self.counts[label].update(counter)
        self.kept.extend(other.kept)
        self.gone.extend(other.gone)
        self.doubts_opened += other.doubts_opened
        self.doubts_open += other.doubts_open
        self.doubts_closed += other.doubts_closed
        self.warnings.extend(other.warnings)

    @property
    def changed(self) -> bool:
        return any(c[CREATED] or c[UPDATED] or c[DELETED] for c in self.counts.values())


@dataclass
class Claim:
    """One record of the document in this run: its row, and what the import knows of it."""

    entry: ImportedRecord
    instance: models.Model | None = None
    created: bool = False
    legacy: bool = False  # imported before fingerprints were kept
    shared: bool = False  # organisations and people: several documents fill them
    history: Authorship = field(default_factory=Authorship)
    others_written: set[str] = field(default_factory=set)  # filled by another document
    visits: int = 0  # how many times the document named it before, in this run
    changed: bool = False


def _label(model: type[models.Model], name: str) -> str:
    if name in LIST_LABELS:
        return LIST_LABELS[name]
    return str(model._meta.get_field(name).verbose_name)


# The labels of the lists of child rows, as the report and the points à vérifier name them.
LIST_LABELS = {
    "points": "freins et leviers",
    "tools": "outils et ressources",
    "contacts": "contacts",
    "listings": "classements dans les groupes",
    "links": "liens",
    "departements": "départements",
    "partners": "partenaires",
    "themes": "thèmes",
    "keywords": "mots clefs",
    "phases": "phases",
    "blocks": "contenu",
    "key_points": "clefs de réussite et points de vigilance",
    "outgoing_links": "liens vers d'autres fiches",
    "entries": "fiches indexées",
    "author_organisations": "structures auteurs",
    "author_people": "auteurs",
    "working_groups": "groupes de travail",
    "member_organisations": "structures membres",
    "networks": "réseaux",
    "resources": "ressources",
    "cards": "fiches expériences présentées",
    "speakers": "intervenants",
}


class DocumentWriter:
    """Writes one document; call inside a transaction."""

    def __init__(self, document: ParsedDocument, report: ImportReport):
        self.document = document
        self.report = report
        self.aliases = {
            name_key(alias): canonical for alias, canonical in corrections.load().aliases.items()
        }
        self.partnerships = {
            name_key(name): members for name, members in corrections.load().partnerships.items()
        }
        # Organisations as every path finds them (`organisations.matching`): the names
        # the document gives read at once, those written in this run added.
        self.organisations = OrganisationIndex(Organisation.objects.all())
        self.organisations.load(self._organisation_names())
        # What this run found or wrote, by the document's own keys; None: deleted.
        self.resources: dict[str, Resource | None] = {}
        self.fiches: dict[str, Fiche | None] = {}
        self.cards: dict[str, ExperienceCard | None] = {}
        self.groups: dict[str, WorkingGroup | None] = {}
        self.collections: dict[str, Collection | None] = {}
        self.keywords: dict[str, Keyword | None] = {}
        self.claims: dict[tuple[int, str], Claim] = {}
        self.doubts: list[ImportDoubt] = []
        self.entries = {
            (entry.content_type_id, entry.key): entry
            for entry in ImportedRecord.objects.filter(document=document.code)
        }
        self.claimed = {
            (entry.content_type_id, entry.object_id): entry for entry in self.entries.values()
        }
        self.stored = {
            id(entry): (entry.key, dict(entry.written), entry.page)
            for entry in self.entries.values()
        }
        self.keys = self._keys_in_the_document()
        self.production_codes: dict[str, list[str]] = defaultdict(list)

    # -- finding records again ----------------------------------------------------------

    def _claim(
        self,
        model,
        key: str,
        lookup: dict,
        *,
        shared: bool = False,
        find: Callable[[], models.Model | None] | None = None,
    ) -> Claim | None:
        """The record of this document under `key`: found by its key, or (the first time
        keys are kept) by its old natural key `lookup`, or to be created. None: an editor
        deleted it, and it stays deleted."""
        content_type = ContentType.objects.get_for_model(model)
        if (content_type.pk, key) in self.claims:
            claim = self.claims[content_type.pk, key]
            claim.visits += 1
            return claim
        entry = self.entries.get((content_type.pk, key))
        if entry is not None:
            instance = model.objects.filter(pk=entry.object_id).first()
            if instance is None:
                self.report.gone.append(f"{model._meta.verbose_name} « {key} »")
                return None
            claim = Claim(entry, instance, shared=shared)
        else:
            entry = ImportedRecord(document=self.document.code, content_type=content_type, key=key)
            instance = find() if find else model.objects.filter(**lookup).first()
            if instance is not None and not shared and self._imported_by_another(instance):
                # Another document's record that happens to share the slug (the same
                # project written up in two documents): this one took the next free slug.
                instance = self._numbered_namesake(model, lookup)
            owner = self.claimed.get((content_type.pk, instance.pk)) if instance else None
            if owner is not None and not shared:
                if (content_type.pk, owner.key) in self.keys:
                    instance = None  # another record of this document: not this one
                else:
                    # Its key moved (a parser now reads its page or rank otherwise), its
                    # slug or code did not: the same record, fingerprints and all.
                    del self.entries[content_type.pk, owner.key]
                    owner.key = key
                    self.entries[content_type.pk, key] = owner
                    return self._claim(model, key, lookup, shared=shared, find=find)
            if instance is None:
                deleted = self._deleted_before_keys(model, lookup)
                if deleted is not None:
                    entry.object_id = deleted
                    entry.save()
                    self.report.gone.append(f"{model._meta.verbose_name} « {key} »")
                    return None
                claim = Claim(entry, created=True, shared=shared)
            else:
                entry.object_id = instance.pk
                claim = Claim(
                    entry, instance, legacy=True, shared=shared, history=authorship(instance)
                )
        if claim.instance is not None:
            self.claimed[content_type.pk, claim.instance.pk] = claim.entry
            if shared:
                claim.others_written = self._written_by_other_documents(claim.instance)
        self.claims[content_type.pk, key] = claim
        return claim

    def _numbered_namesake(self, model, lookup: dict):
        """The first row under `lookup`'s slug numbered (`-2`, `-3`…) that an import made
        and no other document imported, or None: never a card a visitor proposed or a
        person created under the same title."""
        if set(lookup) != {"slug"}:
            return None
        numbered = model.objects.filter(slug__regex=rf"^{re.escape(lookup['slug'])}-\d+$")
        if model is ExperienceCard:
            numbered = numbered.filter(submission__isnull=True, created_by__isnull=True)
        return next(
            (
                row
                for row in numbered.order_by("pk")
                if not self._imported_by_another(row) and not self._made_by_a_person(row)
            ),
            None,
        )

    @staticmethod
    def _made_by_a_person(instance) -> bool:
        history = getattr(type(instance), "history", None)
        if history is None:
            return False
        first = instance.history.order_by("history_date", "history_id").first()
        return first is not None and first.history_user_id is not None

    def _imported_by_another(self, instance) -> bool:
        return (
            ImportedRecord.objects.filter(
                content_type=ContentType.objects.get_for_model(instance), object_id=instance.pk
            )
            .exclude(document=self.document.code)
            .exists()
        )

    def _keys_in_the_document(self) -> set[tuple[int, str]]:
        """The keys of the records this document owns, as this run reads them."""
        document = self.document
        resources = [document.source, *document.resources, *(f.resource for f in document.fiches)]
        keys = {
            ExperienceCard: [card.source_key for card in document.cards],
            Resource: [resource.source_key for resource in resources],
            Fiche: [fiche.code for fiche in document.fiches],
            WorkingGroup: [group.code for group in document.groups],
            Programme: [programme.key for programme in document.programmes],
            Collection: [collection.key for collection in document.collections],
            ProjectListing: [listing.source_key for listing in document.project_listings],
            Event: [event.source_key for event in document.events],
            EventPart: [part.source_key for event in document.events for part in event.parts],
        }
        return {
            (self._type(model), key) for model, model_keys in keys.items() for key in model_keys
        }

    @staticmethod
    def _deleted_before_keys(model, lookup: dict) -> int | None:
        """A record deleted in the administration before keys were kept: its history
        remembers it. Its id, so that the import never creates it again."""
        history = getattr(model, "history", None)
        if history is None or not lookup:
            return None
        deleted = history.filter(**lookup, history_type="-").order_by("-history_date").first()
        if deleted is None or model.objects.filter(pk=deleted.pk).exists():
            return None
        return deleted.pk

    def _written_by_other_documents(self, instance) -> set[str]:
        entries = ImportedRecord.objects.filter(
            content_type=ContentType.objects.get_for_model(type(instance)), object_id=instance.pk
        ).exclude(document=self.document.code)
        return {name for entry in entries for name in entry.written}

    # -- writing fields and lists ---------------------------------------------------------

    def _save(self, instance, update_fields=None) -> None:
        if isinstance(instance, ExperienceCard):  # cards have one writer
            save_card(instance, update_fields, reason=IMPORT_REASON)
            return
        instance._change_reason = IMPORT_REASON  # the history names the import
        instance.save(update_fields=update_fields)

    def _decide(self, claim: Claim, name: str, current, new, *, shared=None) -> Decision:
        shared = claim.shared if shared is None else shared
        return decide(
            current=fingerprint(current),
            new=fingerprint(new),
            last=claim.entry.written.get(name),
            created=claim.created,
            current_empty=is_empty(current),
            legacy=claim.legacy,
            edited_by_a_person=(
                claim.history.last_version_by_a_person
                if name in LIST_LABELS
                else name in claim.history.fields_edited
            ),
            shared=shared,
            owned_by_another_document=name in claim.others_written,
        )

    def _kept(self, claim: Claim, name: str, new, shown_new: str = "") -> None:
        """A field an editor changed: left as it is. If the document changed it too since
        the last import, the animators are told what the document says now."""
        model = type(claim.instance)
        label = _label(model, name)
        self.report.kept.append(
            KeptField(str(model._meta.verbose_name), _record_name(claim.instance), label)
        )
        last = claim.entry.written.setdefault(name, EDITED)
        reviewable = model._meta.label_lower in REVIEWABLE_MODELS
        if reviewable and last != EDITED and last != fingerprint(new):
            what = (
                f"Le document a changé « {label} » depuis le dernier import, mais ce champ a "
                "été modifié dans l'administration : la modification est conservée."
            )
            if shown_new:
                what += f" Le document dit maintenant : « {shown_new} »"
            self.doubts.append(
                ImportDoubt(claim.instance, what, where=label[:1].upper() + label[1:])
            )

    def _write_record(
        self, claim: Claim, model, values: dict, initial: dict | None = None
    ) -> models.Model:
        """Create the record, or bring the fields the import still owns to `values`.
        `initial` is set at creation only, and never owned (a status)."""
        if claim.instance is None:
            if "slug" in values:
                values = {**values, "slug": self._free(model, values["slug"], None)}
            instance = model(**values, **(initial or {}))
            self._save(instance)
            claim.instance = instance
            claim.entry.object_id = instance.pk
            claim.entry.written = {name: fingerprint(value) for name, value in values.items()}
            self.claimed[claim.entry.content_type_id, instance.pk] = claim.entry
            return instance
        instance = claim.instance
        changed = []
        for name, value in values.items():
            if claim.shared and is_empty(value):
                continue  # a shared record keeps what the others gave
            if name == "slug":  # another row may have it: this one takes the next free
                value = self._free(model, value, instance.pk)
            current, new = field_value(instance, name), comparable(value)
            decision = self._decide(claim, name, current, new)
            if decision is Decision.WRITE and current != new:
                setattr(instance, name, value)
                changed.append(name)
            if decision in (Decision.WRITE, Decision.OWN):
                claim.entry.written[name] = fingerprint(comparable(value))
            elif decision is Decision.KEEP:
                shown = str(value) if not isinstance(value, list) else ", ".join(map(str, value))
                self._kept(claim, name, new, shown)
        if changed:
            self._save(instance, update_fields=changed)
            claim.changed = True
        return instance

    @staticmethod
    def _free(model, slug: str, pk) -> str:
        """`slug`, or its first numbered variant (`-2`, `-3`…) no other row has."""
        others = model.objects.exclude(pk=pk)
        candidate, number = slug, 2
        while others.filter(slug=candidate).exists():
            candidate, number = f"{slug}-{number}", number + 1
        return candidate

    def _write_list(
        self, claim: Claim, name: str, current: list, wanted: list, apply, *, shared=None
    ) -> None:
        """A list of child rows (or of related records), owned as a whole."""
        current, wanted = comparable(current), comparable(wanted)
        decision = self._decide(claim, name, current, wanted, shared=shared)
        if decision is Decision.WRITE:
            if current != wanted:
                apply()
                claim.changed = True
            claim.entry.written[name] = fingerprint(wanted)
        elif decision is Decision.OWN:
            claim.entry.written[name] = fingerprint(wanted)
        elif decision is Decision.KEEP:
            self._kept(claim, name, wanted)

    def _write_m2m(self, claim: Claim, name: str, targets) -> None:
        manager = getattr(claim.instance, name)
        wanted = sorted({target.pk for target in targets if target is not None})
        current = sorted(manager.values_list("pk", flat=True))
        if isinstance(claim.instance, ExperienceCard) and name in CARD_MANY_TO_MANY:
            # What the card writer sets: it is given the rows, once the claim allows it.
            rows = {target.pk: target for target in targets if target is not None}
            apply = partial(self._write_card_rows, claim.instance, **{name: list(rows.values())})
        else:
            apply = partial(manager.set, wanted)
        self._write_list(claim, name, current, wanted, apply)

    def _write_rows(self, claim: Claim, related_name: str, rows: list[dict], apply=None) -> None:
        """Ordered child rows, compared as a whole, written matched by position (by
        `apply`, if given)."""
        manager = getattr(claim.instance, related_name)
        names = list(rows[0]) if rows else []
        existing = list(manager.order_by("position", "pk"))
        if not names and existing:
            names = [
                f.name
                for f in manager.model._meta.concrete_fields
                if not f.primary_key and f.name not in ("position", manager.field.name)
            ]
        current = [[field_value(row, name) for name in names] for row in existing]
        wanted = [[comparable(row[name]) for name in names] for row in rows]
        self._write_list(
            claim,
            related_name,
            current,
            wanted,
            apply or (lambda: self._sync_rows(claim.instance, related_name, rows)),
        )

    def _write_card_rows(self, card: ExperienceCard, **lists) -> None:
        """A card's related lists, by the card writer; what became of its rows counted."""
        for (model, outcome), number in write_related(card, **lists).items():
            self.report.add(model, OUTCOMES[outcome], number)

    def _sync_rows(self, parent, related_name: str, rows: list[dict]) -> None:
        """Make the parent's ordered child rows equal `rows`, matched by position."""
        manager = getattr(parent, related_name)
        model = manager.model
        existing = list(manager.order_by("position", "pk"))
        for position, values in enumerate(rows):
            values = {**values, "position": position}
            if position < len(existing):
                row = existing[position]
                fields = [name for name, value in values.items() if _differs(row, name, value)]
                if fields:
                    for name in fields:
                        setattr(row, name, values[name])
                    row.save(update_fields=fields)
                    self.report.add(model, UPDATED)
                else:
                    self.report.add(model, UNCHANGED)
            else:
                manager.create(**values)
                self.report.add(model, CREATED)
        surplus = existing[len(rows) :]
        for row in surplus:
            row.delete()
        self.report.add(model, DELETED, len(surplus))

    def _publish(self, instance) -> None:
        """New records are published; later editorial decisions (archiving…) are the
        animators', and a new import does not overturn them."""
        instance.status = PublicationStatus.PUBLISHED
        instance.published_at = instance.created_at
        self._save(instance, update_fields=["status", "published_at"])

    def _finish(self, model, claim: Claim) -> None:
        outcome = CREATED if claim.created else UPDATED if claim.changed else UNCHANGED
        self.report.add(model, outcome)

    def _doubts(self, instance, doubts: list[str]) -> None:
        self.doubts += [ImportDoubt(instance, what) for what in doubts]

    # -- organisations and people ---------------------------------------------------------

    def _organisation_names(self) -> set[str]:
        """The names of organisations the document gives, as they will be looked up
        (aliases applied, partnerships by their members)."""
        document = self.document
        names = {
            name
            for record in document.organisations
            for name in (record.name, record.acronym, record.parent, *record.networks)
        }
        contacts = [*(c for card in document.cards for c in card.contacts)]
        contacts += [c for group in document.groups for c in group.contacts]
        for card in document.cards:
            names |= {card.porteur, *card.partners}
        for group in document.groups:
            names |= set(group.member_organisations)
        names |= {programme.organiser for programme in document.programmes}
        for event in document.events:
            names.add(event.organiser)
            speakers = [speaker for part in event.parts for speaker in part.speakers]
            names |= {s.organisation for s in speakers} | {s.person.organisation for s in speakers}
        for resource in document.resources:
            names |= {resource.publisher, *resource.author_organisations}
            names |= {person.organisation for person in resource.author_people}
        names |= {c.organisation for c in contacts} | {c.person.organisation for c in contacts}
        names = {self._canonical(name) for name in names if name}
        for members in self.partnerships.values():
            names |= {self._canonical(member) for member in members}
        return names

    def _canonical(self, name: str) -> str:
        return self.aliases.get(name_key(name), name)

    def find_organisation(self, name: str) -> Organisation | None:
        return self.organisations.find(self._canonical(name)) if name else None

    def _check_name(self, name: str, organisation: Organisation | None) -> None:
        """A document's name that matches the organisation by a part only (its acronym,
        the name without « Groupe »…) is a guess: the animators are asked to check it."""
        if organisation is None or not name:
            return
        if by_part(self._canonical(name), organisation):
            self.doubts.append(
                ImportDoubt(
                    organisation,
                    f"Le document {self.document.code} nomme « {name} » une structure "
                    "rattachée ici par son sigle ou une partie de son nom : vérifier qu'il "
                    "s'agit bien de la même.",
                    where="Nom",
                )
            )

    def organisations_named(self, name: str) -> list[Organisation]:
        """The structures a name stands for: one, or each member of a partnership
        (« AIR & AICM »), the one that carries the project first."""
        members = self.partnerships.get(name_key(name), (name,))
        found = [self.organisation(member) for member in members]
        return [organisation for organisation in found if organisation is not None]

    def organisation(self, name: str) -> Organisation | None:
        """The organisation of that name, created with just its name if unknown; None if an
        editor deleted the one this document created. A partnership's name is its first
        member."""
        if name_key(name) in self.partnerships:
            return self.organisation(self.partnerships[name_key(name)][0])
        claim = self.claims.get((self._type(Organisation), name_key(self._canonical(name))))
        if claim is not None:
            return claim.instance
        found = self.find_organisation(name)
        self._check_name(name, found)
        return found or self.write_organisation(OrganisationRecord(name))

    @staticmethod
    def _type(model) -> int:
        return ContentType.objects.get_for_model(model).pk

    def write_organisation(self, record: OrganisationRecord) -> Organisation | None:
        members = self.partnerships.get(name_key(record.name))
        if members:
            # Two structures presented together: each gets what the document says of them
            # (after the records it gives each alone: see `write`), its presentation too.
            written = []
            for member in members:
                organisation = self.write_organisation(replace(record, name=member, acronym=""))
                if organisation is not None and record.description:
                    self._write_presentation(
                        organisation, self._canonical(member), record.description
                    )
                written.append(organisation)
            return written[0]
        name = self._canonical(record.name)
        claim = self._claim(
            Organisation,
            name_key(name),
            {},
            shared=True,
            find=lambda: self.find_organisation(name) or self.find_organisation(record.acronym),
        )
        if claim is None:
            return None
        if claim.visits:
            return claim.instance  # written at the document's first mention
        if not claim.created:
            self._check_name(record.name, claim.instance)
        bracketed = BRACKETED_ACRONYM.search(name)
        values = {
            "acronym": record.acronym or (bracketed.group(1) if bracketed else ""),
            "structure_types": record.structure_types,
            "address": record.address,
            "postal_code": record.postal_code,
            "town": record.town,
            "cedex": record.cedex,
            "departement": self._departement(record.departement_code),
            "phone": record.phone,
            "email": record.email,
            "website": absolute_url(record.website),
            "description": record.description,
        }
        if record.parent:
            values["parent"] = self.organisation(record.parent)
        if claim.instance is None:
            values = {
                "name": name,
                "slug": free_slug(Organisation, name),
                **{key: value for key, value in values.items() if not is_empty(value)},
            }
        organisation = self._write_record(claim, Organisation, values)
        self.organisations.add(organisation)
        # Found by its acronym under another name: that name is known now too.
        self.organisations.add(organisation, name_keys(name))
        if record.networks:
            networks = [self.organisation(network) for network in record.networks]
            current = sorted(organisation.networks.values_list("pk", flat=True))
            wanted = sorted(set(current) | {n.pk for n in networks if n is not None})
            # Networks are added to what others gave, never taken away.
            self._write_list(
                claim, "networks", current, wanted, lambda: organisation.networks.set(wanted)
            )
        if record.description:
            self._write_presentation(organisation, name, record.description)
        self._finish(Organisation, claim)
        return organisation

    def _source_fields(self) -> dict:
        document = DOCUMENTS_BY_CODE.get(self.document.code)
        return {
            "document": self.document.code,
            "source_title": document.title if document else self.document.source.title,
            "year": self.document.source.year,
        }

    def _write_presentation(self, organisation: Organisation, name: str, text: str) -> None:
        """This document's presentation of the structure, kept beside the other
        documents' (the page shows the latest): its own record, owned field by field."""
        claim = self._claim(
            Presentation,
            name_key(name),
            {"organisation": organisation, "document": self.document.code},
        )
        if claim is None or claim.visits:
            return
        values = {"organisation": organisation, **self._source_fields(), "text": text}
        self._write_record(claim, Presentation, values)
        self._finish(Presentation, claim)

    def _write_person_mention(self, person: Person, slug: str, values: dict) -> None:
        """The person as this document names them: role, structure and e-mail of its year."""
        claim = self._claim(PersonMention, slug, {"person": person, "document": self.document.code})
        if claim is None or claim.visits:
            return
        fields = {name: values.get(name) or "" for name in ("role", "email")}
        mention = {
            "person": person,
            **self._source_fields(),
            **fields,
            "organisation": values.get("organisation"),
        }
        self._write_record(claim, PersonMention, mention)
        self._finish(PersonMention, claim)

    # The first name too: « Jean Luc » (000, 2008) is « Jean-Luc » on 001's card (2010).
    LATEST_PERSON_FIELDS = ("first_name", "role", "email", "organisation")

    def _latest_document_wins(self, claim: Claim, values: dict) -> None:
        """A person's first name as spelled, role, e-mail and structure are those of the
        latest document naming them (by year, then code: 003, December 2010, after 001): a
        newer document takes a field over from an older one that wrote it, never from a
        person who edited it, and the older one's fingerprint is dropped so that it leaves
        the field alone."""
        person = claim.instance
        if claim.created or person is None:
            return
        rank = (self.document.source.year or 0, self.document.code)
        years = dict(person.mentions.values_list("document", "year"))
        others = list(
            ImportedRecord.objects.filter(
                content_type=ContentType.objects.get_for_model(Person), object_id=person.pk
            ).exclude(document=self.document.code)
        )
        changed = []
        for name in self.LATEST_PERSON_FIELDS:
            new = comparable(values.get(name))
            if is_empty(new) or name in claim.history.fields_edited:
                continue
            current = fingerprint(field_value(person, name))
            if current == fingerprint(new):
                continue
            writers = [entry for entry in others if entry.written.get(name) == current]
            if not writers or any(
                (years.get(entry.document, 0), entry.document) > rank for entry in writers
            ):
                continue  # a person's value, or a newer document's
            setattr(person, name, values[name])
            changed.append(name)
            claim.entry.written[name] = fingerprint(new)
            claim.others_written.discard(name)
            for entry in writers:
                del entry.written[name]
                entry.save(update_fields=["written", "updated_at"])
        if changed:
            self._save(person, update_fields=changed)
            claim.changed = True

    def person(self, record: PersonRecord) -> Person | None:
        slug = slugify(f"{record.first_name} {record.last_name}")[:255]
        claim = self._claim(
            Person, slug, {"slug": slug}, shared=True, find=partial(self._shared_person, slug)
        )
        if claim is None:
            return None
        if claim.visits:
            # Named again (on another card, sometimes with another e-mail): the
            # document's first mention is the one written.
            return claim.instance
        organisation = self._person_organisation(record)
        values = {
            "first_name": record.first_name,
            "last_name": record.last_name,
            "role": record.role,
            "organisation": organisation,
            "email": record.email,
            "phone": record.phone,
        }
        if claim.instance is None:
            values = {"slug": slug, **{k: v for k, v in values.items() if not is_empty(v)}}
        person = self._write_record(claim, Person, values)
        self._write_person_mention(person, slug, values)
        self._latest_document_wins(claim, values)
        self._finish(Person, claim)
        return person

    @staticmethod
    def _shared_person(key: str) -> Person | None:
        """The person another document imported under `key` (their name's slug): by that
        slug, or, once an editor renamed them (anonymised: initials, another slug), by the
        key the other document keeps. Never a new person under the old name."""
        found = Person.objects.filter(slug=key).first()
        if found is not None:
            return found
        imported = ImportedRecord.objects.filter(
            content_type=ContentType.objects.get_for_model(Person), key=key
        ).values("object_id")
        return Person.objects.filter(pk__in=imported).order_by("pk").first()

    def _person_organisation(self, record: PersonRecord) -> Organisation | None:
        """The person's structure; of a partnership, the member their role or e-mail
        names (« Directeur d'AICM », aicm@…), else the first."""
        if not record.organisation:
            return None
        members = self.partnerships.get(name_key(record.organisation))
        if members:
            said = set(re.findall(r"[a-z0-9]+", f"{record.role} {record.email}".lower()))
            for member in members:
                organisation = self.organisation(member)
                if organisation is not None and said & set(
                    organisation_keys(organisation.name, organisation.acronym)
                ):
                    return organisation
        return self.organisation(record.organisation)

    # -- territories and vocabularies -----------------------------------------------------

    def _departement(self, code: str) -> Departement | None:
        if not code:
            return None
        departement = Departement.objects.filter(code=code).first()
        if departement is None:
            raise SourceFormatError(f"unknown département code {code!r}")
        return departement

    def _vocabulary(self, model, names: list[str]) -> list:
        items = []
        for name in names:
            item = model.objects.filter(slug=slugify(name)).first()
            if item is None:
                item = model.objects.create(slug=slugify(name), name=name)
                self.report.add(model, CREATED)
            items.append(item)
        return items

    # -- the document -----------------------------------------------------------------------

    def write(self) -> None:
        document = self.document
        # A partnership's members first as the document gives each alone, then the pair.
        for record in sorted(
            document.organisations, key=lambda r: name_key(r.name) in self.partnerships
        ):
            self.write_organisation(record)
        for collection in document.collections:  # the source document may belong to one
            self.write_collection(collection)
        # A group's productions are resources of the document: their groups are written
        # with them, as one list.
        for group in document.groups:
            for key in group.production_keys:
                self.production_codes[key].append(group.code)
        for programme in document.programmes:
            self.write_programme(programme)
        # Groups before resources (a resource names its groups).
        for group in document.groups:
            self.write_group(group)
        self.write_resource(document.source)
        for resource in document.resources:
            self.write_resource(resource)
        for fiche in document.fiches:
            self.write_fiche(fiche)
        for fiche in document.fiches:
            self.write_fiche_links(fiche)
        for keyword in document.keywords:
            self.write_keyword(keyword)
        for card in document.cards:
            self.write_card(card)
        for card in document.cards:
            self.write_card_links(card)
        for listing in document.project_listings:
            self.write_project_listing(listing)
        # Events last: their programme names the document's people, cards and resources.
        for event in document.events:
            self.write_event(event)
        self._no_longer_in_the_document()
        self._save_entries()
        outcome = sync_import_doubts(
            document.code, [doubt for doubt in self.doubts if doubt.record is not None]
        )
        self.report.doubts_opened += outcome.opened
        self.report.doubts_open += outcome.still_open
        self.report.doubts_closed += outcome.closed
        self.report.warnings.extend(f"{document.code}: {w}" for w in document.warnings)

    def _no_longer_in_the_document(self) -> None:
        """Records this document wrote before and no longer gives: left to the animators,
        with a point à vérifier each (a parser change, or a key that moved)."""
        shared = {self._type(Organisation), self._type(Person), self._type(Keyword)}
        stale = [
            entry
            for key, entry in self.entries.items()
            if key not in self.claims and entry.content_type_id not in shared
        ]
        for entry in stale:
            instance = entry.record
            if instance is not None and instance._meta.label_lower in REVIEWABLE_MODELS:
                self.doubts.append(
                    ImportDoubt(
                        instance,
                        f"Le document {self.document.code} ne donne plus cet enregistrement "
                        f"(clé « {entry.key} ») : vérifiez s'il faut le garder, le fusionner "
                        "avec un autre ou le supprimer.",
                    )
                )

    def _save_entries(self) -> None:
        for claim in self.claims.values():
            entry = claim.entry
            if entry.object_id is None:
                continue
            if entry.pk is None:
                entry.save()
            elif (entry.key, entry.written, entry.page) != self.stored.get(id(entry)):
                entry.save(update_fields=["key", "written", "page", "updated_at"])

    def write_programme(self, record) -> Programme | None:
        claim = self._claim(Programme, record.key, {"slug": record.key})
        if claim is None:
            return None
        values = {
            "slug": record.key,
            "name": record.name,
            "organiser": self.organisation(record.organiser) if record.organiser else None,
            "start_year": record.start_year,
            "end_year": record.end_year,
            "description": record.description,
        }
        programme = self._write_record(claim, Programme, values)
        phases = [
            {
                "title": phase.title,
                "start_date": phase.start_date,
                "end_date": phase.end_date,
                "description": phase.description,
            }
            for phase in record.phases
        ]
        self._write_rows(claim, "phases", phases)
        claim.entry.page = record.source_page
        self._finish(Programme, claim)
        return programme

    def _collection(self, key: str) -> Collection | None:
        if not key:
            return None
        if key in self.collections:
            return self.collections[key]
        return Collection.objects.filter(slug=key).first()

    def write_collection(self, record) -> Collection | None:
        claim = self._claim(Collection, record.key, {"slug": record.key})
        if claim is None:
            self.collections[record.key] = None
            return None
        values = {
            "slug": record.key,
            "name": record.name,
            "parent": self._collection(record.parent_key),
            "position": record.position,
            "description": record.description,
        }
        collection = self._write_record(claim, Collection, values)
        self._finish(Collection, claim)
        self.collections[record.key] = collection
        return collection

    def write_resource(self, record: ResourceRecord) -> Resource | None:
        if not record.source_key:
            raise SourceFormatError(f"resource {record.key!r} has no source key")
        claim = self._claim(Resource, record.source_key, {"slug": record.key})
        if claim is None:
            self.resources[record.key] = None
            return None
        values = {
            "slug": record.key,
            "title": record.title,
            "kind": record.kind,
            "description": record.description,
            "publisher": self.organisation(record.publisher) if record.publisher else None,
            "year": record.year,
            "version_label": record.version_label,
            "version_date": record.version_date,
            "collection": self._collection(record.collection_key),
            "position": record.position,
            "access_level": record.access_level,
            "availability": record.availability,
            "where_to_find": record.where_to_find,
            "part_of": self._resource(record.part_of_key) if record.part_of_key else None,
            "part_of_detail": record.part_of_detail,
        }
        resource = self._write_record(claim, Resource, values)
        if claim.created:
            self._publish(resource)
        self._write_rows(
            claim, "links", [{"url": url, "label": label} for url, label in record.urls]
        )
        self._write_m2m(
            claim,
            "author_organisations",
            [self.organisation(name) for name in record.author_organisations],
        )
        self._write_m2m(
            claim, "author_people", [self.person(person) for person in record.author_people]
        )
        codes = [*record.group_codes, *self.production_codes.get(record.key, [])]
        self._write_m2m(claim, "working_groups", self._groups(codes))
        self._write_m2m(claim, "themes", self._vocabulary(Theme, record.themes))
        self._doubts(resource, record.doubts)
        claim.entry.page = record.source_page  # where the document gives it (sources.pages)
        self._finish(Resource, claim)
        self.resources[record.key] = resource
        return resource

    def _resource(self, key: str) -> Resource | None:
        """A resource of this document (None if an editor deleted it), or of another one."""
        if key in self.resources:
            return self.resources[key]
        resource = Resource.objects.filter(slug=key).first()
        if resource is None:
            raise SourceFormatError(f"unknown resource {key!r}")
        return resource

    def _groups(self, codes: list[str]) -> list[WorkingGroup]:
        """The groups of these codes; those an editor deleted are left out."""
        groups = []
        for code in dict.fromkeys(codes):
            if code in self.groups:
                group = self.groups[code]
            else:
                group = WorkingGroup.objects.filter(code=code).first()
                if group is None:
                    raise SourceFormatError(f"unknown working group {code!r}")
            if group is not None:
                groups.append(group)
        return groups

    def write_fiche(self, record) -> Fiche | None:
        resource = self.write_resource(record.resource)
        claim = self._claim(Fiche, record.code, {"code": record.code})
        if claim is None or resource is None:
            self.fiches[record.code] = None
            return None
        values = {
            "code": record.code,
            "resource": resource,
            "part": record.part,
            "section": record.section,
            "section_title": record.section_title,
            "position": record.position,
        }
        fiche = self._write_record(claim, Fiche, values)
        self._write_rows(
            claim,
            "blocks",
            [{"kind": b.kind, "heading": b.heading, "body": b.body} for b in record.blocks],
        )
        key_points = [
            {"kind": KeyPointKind.SUCCESS_KEY, "text": text} for text in record.success_keys
        ] + [{"kind": KeyPointKind.WATCH_POINT, "text": text} for text in record.watch_points]
        self._write_rows(claim, "key_points", key_points)
        self._doubts(fiche, record.doubts)
        claim.entry.page = record.source_page or record.resource.source_page
        self._finish(Fiche, claim)
        self.fiches[record.code] = fiche
        return fiche

    def _fiche(self, code: str) -> Fiche | None:
        if code in self.fiches:
            return self.fiches[code]
        fiche = Fiche.objects.filter(code=code).first()
        if fiche is None:
            raise SourceFormatError(f"unknown fiche code {code!r}")
        return fiche

    def write_fiche_links(self, record) -> None:
        fiche = self.fiches[record.code]
        if fiche is None:
            return
        claim = self.claims[self._type(Fiche), record.code]
        rows = [
            {"target": target, "kind": link.kind}
            for link in record.links
            if (target := self._fiche(link.target_code)) is not None
        ]
        manager = fiche.outgoing_links
        current = [[link.target_id, link.kind] for link in manager.order_by("position", "pk")]
        wanted = [[row["target"].pk, row["kind"]] for row in rows]
        self._write_list(
            claim,
            "outgoing_links",
            current,
            wanted,
            lambda: self._sync_rows(fiche, "outgoing_links", rows),
        )

    def write_keyword(self, record) -> None:
        slug = slugify(record.name)
        claim = self._claim(Keyword, slug, {"slug": slug}, shared=True)
        if claim is None:
            self.keywords[record.name] = None
            return
        values = {"name": record.name}
        if claim.instance is None:
            values["slug"] = slug
        keyword = self._write_record(claim, Keyword, values)
        self.keywords[record.name] = keyword
        wanted = sorted(
            (fiche.pk, primary)
            for codes, primary in (
                (record.primary_fiche_codes, True),
                (record.other_fiche_codes, False),
            )
            for code in codes
            if (fiche := self._fiche(code)) is not None
        )
        current = sorted(keyword.entries.values_list("fiche_id", "is_primary"))

        def replace():
            keyword.entries.all().delete()
            KeywordEntry.objects.bulk_create(
                KeywordEntry(keyword=keyword, fiche_id=fiche_id, is_primary=primary)
                for fiche_id, primary in wanted
            )
            self.report.add(KeywordEntry, CREATED, len(wanted))

        # The index is this document's: owned like any list, not filled like a name.
        self._write_list(claim, "entries", current, wanted, replace, shared=False)
        self._finish(Keyword, claim)

    def write_group(self, record) -> WorkingGroup | None:
        claim = self._claim(WorkingGroup, record.code, {"code": record.code})
        if claim is None:
            self.groups[record.code] = None
            return None
        programme = Programme.objects.filter(slug=record.programme_key).first()
        values = {
            "code": record.code,
            "name": record.name,
            "slug": slugify(f"{record.code} {record.name}")[:255],
            "kind": record.kind,
            "programme": programme,
            "position": record.position,
            "period_start": record.period_start,
            "period_end": record.period_end,
            "period_label": record.period_label,
            "origin": record.origin,
            "objectives": record.objectives,
            "conclusions": record.conclusions,
        }
        if programme is None:  # an editor deleted the programme: the group stays where it is
            values.pop("programme")
            if claim.created:
                raise SourceFormatError(f"group {record.code!r}: its programme was deleted")
        # The documents' groups (2005–2010) are over: closed, once, at creation.
        group = self._write_record(
            claim, WorkingGroup, values, initial={"status": WorkingGroupStatus.CLOSED}
        )
        self.groups[record.code] = group
        self._write_rows(claim, "contacts", self._contact_rows(record.contacts))
        self._write_m2m(
            claim,
            "member_organisations",
            [o for name in record.member_organisations for o in self.organisations_named(name)],
        )
        self._doubts(group, record.doubts)
        claim.entry.page = record.source_page
        self._finish(WorkingGroup, claim)
        return group

    def _contact_rows(self, contacts: list[ContactRecord]) -> list[dict]:
        rows = []
        for contact in contacts:
            person = self.person(contact.person)
            if person is None:
                continue
            rows.append(
                {
                    "person": person,
                    "role": contact.role,
                    "organisation": (
                        self.organisation(contact.organisation) if contact.organisation else None
                    ),
                }
            )
        return rows

    def write_card(self, record: CardRecord) -> ExperienceCard | None:
        if not record.source_key:
            raise SourceFormatError(f"card {record.key!r} has no source key")
        claim = self._claim(ExperienceCard, record.source_key, {"slug": record.key})
        if claim is None:
            self.cards[record.key] = None
            return None
        porteur = self.organisation(record.porteur)
        region = find_region(record.region_as_written) if record.region_as_written else None
        departements = [self._departement(code) for code in record.departement_codes]
        if region is None and departements:
            region = departements[0].region
        if region is None and record.region_filed:
            region = find_region(record.region_filed)
        if region is None:
            raise SourceFormatError(f"card {record.key!r}: no région can be found")
        scale = record.scale
        if not departements and scale in ("", "region") and record.region_as_written:
            # A card the source places in a whole région covers its départements (a
            # national one does not).
            departements = list(region.departements.all())
            scale = scale or "region"
        values = {
            "slug": record.key,
            "title": record.title,
            "summary": record.summary,
            "category": record.category,
            "porteur": porteur,
            "region": region,
            "region_as_written": record.region_as_written,
            "territory_name": record.territory_name,
            "scale": scale,
            "milieux": record.milieux,
            "start_year": record.start_year,
            "end_year": record.end_year,
            "key_figures": record.key_figures,
            "context": record.context,
            "actions": record.actions,
            "results": record.results,
            "perspectives": record.perspectives,
            "problematiques": record.problematiques,
            "mutualisation_sought": record.mutualisation_sought,
            "mutualisation_offered": record.mutualisation_offered,
            "tools_intro": record.tools_intro,
            "source_resource": self._resource(self.document.source.key),
            "source_page": record.source_page,
            "fiche": self._fiche(record.fiche_code) if record.fiche_code else None,
        }
        card = self._write_record(claim, ExperienceCard, values)
        # Its porteur may have been deleted by an editor; a card the document gives no
        # content for stays a draft.
        if claim.created and card.porteur_id and not record.draft:
            self._publish(card)
        self._write_m2m(claim, "departements", departements)
        # A partnership's other members are the card's partners; the porteur is not one.
        partners = [
            organisation
            for name in [record.porteur, *record.partners]
            for organisation in self.organisations_named(name)
            if organisation != porteur
        ]
        self._write_m2m(claim, "partners", partners)
        self._write_m2m(claim, "themes", self._vocabulary(Theme, record.themes))
        self._write_m2m(claim, "keywords", self._card_keywords(record.keywords))
        self._write_card_contacts(claim, record.contacts)
        self._write_points(claim, record)
        tools = [
            {
                "text": tool.text,
                "resource": self._resource(tool.resource_key) if tool.resource_key else None,
            }
            for tool in record.tools
        ]
        self._write_rows(
            claim,
            "tools",
            tools,
            partial(
                self._write_card_rows,
                card,
                tools=[(tool["text"], tool["resource"]) for tool in tools],
            ),
        )
        self._write_listings(claim, record)
        self._doubts(card, record.doubts)
        claim.entry.page = record.source_page
        self._finish(ExperienceCard, claim)
        self.cards[record.key] = card
        return card

    def _card_keywords(self, names: list[str]) -> list[Keyword]:
        known = [self.keywords[name] for name in names if name in self.keywords]
        return [*known, *self._vocabulary(Keyword, [n for n in names if n not in self.keywords])]

    def _write_points(self, claim: Claim, record: CardRecord) -> None:
        card = claim.instance
        # Positions count within each kind, as the admin shows them.
        wanted = []
        for kind in ("frein", "levier"):
            of_kind = [p for p in record.points if p.kind == kind]
            wanted += [
                {"kind": kind, "topic": p.topic, "text": p.text, "position": index}
                for index, p in enumerate(of_kind)
            ]
        existing = list(CardPoint.objects.filter(card=card).order_by("kind", "position", "pk"))
        current = [
            {"kind": p.kind, "topic": p.topic, "text": p.text, "position": p.position}
            for p in existing
        ]

        replace = partial(
            self._write_card_rows,
            card,
            **{
                f"{kind}s": [(row["text"], row["topic"]) for row in wanted if row["kind"] == kind]
                for kind in ("frein", "levier")
            },
        )
        self._write_list(claim, "points", current, wanted, replace)

    # A card's contact as the card prints it (the person shows the latest document's).
    AS_WRITTEN = ("role_as_written", "email_as_written")

    def _write_card_contacts(self, claim: Claim, contacts: list[ContactRecord]) -> None:
        card = claim.instance
        rows = []
        for contact in contacts:
            person = self.person(contact.person)
            if person is not None:
                codes = sorted(group.code for group in self._groups(contact.working_group_codes))
                rows.append(
                    {
                        "person": person.pk,
                        "role": contact.role,
                        "codes": codes,
                        "role_as_written": contact.person.role,
                        "email_as_written": contact.person.email,
                    }
                )
        existing = list(card.contacts.order_by("position").prefetch_related("working_groups"))
        current = [
            {
                "person": contact.person_id,
                "role": contact.role,
                "codes": sorted(group.code for group in contact.working_groups.all()),
                **{name: getattr(contact, name) for name in self.AS_WRITTEN},
            }
            for contact in existing
        ]
        before = [{k: v for k, v in row.items() if k not in self.AS_WRITTEN} for row in current]
        if claim.entry.written.get("contacts") == fingerprint(before):
            # Written before a contact kept what the card prints: the import's still.
            claim.entry.written["contacts"] = fingerprint(current)

        def replace():
            contacts = [
                {
                    "person_id": row["person"],
                    "role": row["role"],
                    "working_groups": self._groups(row["codes"]),
                    **{name: row[name] for name in self.AS_WRITTEN},
                }
                for row in rows
            ]
            self._write_card_rows(card, contacts=contacts)

        self._write_list(claim, "contacts", current, rows, replace)

    def _write_listings(self, claim: Claim, record: CardRecord) -> None:
        card = claim.instance
        groups = {
            group.code: group
            for group in self._groups([listing.group_code for listing in record.listings])
        }
        wanted = {
            listing.group_code: (listing.source_page, listing.source_note)
            for listing in record.listings
            if listing.group_code in groups
        }
        existing = {
            listing.working_group.code: listing
            for listing in card.listings.select_related("working_group")
        }
        current = sorted(
            [code, listing.source_page, listing.source_note] for code, listing in existing.items()
        )
        wanted_state = sorted([code, page, note] for code, (page, note) in wanted.items())

        apply = partial(
            self._write_card_rows,
            card,
            groups=[
                (groups[code], {"source_page": page, "source_note": note})
                for code, (page, note) in wanted.items()
            ],
        )
        self._write_list(claim, "listings", current, wanted_state, apply)

    def _card(self, key: str) -> ExperienceCard | None:
        if key in self.cards:
            return self.cards[key]
        card = ExperienceCard.objects.filter(slug=key).first()
        if card is None:
            raise SourceFormatError(f"unknown card {key!r}")
        return card

    def write_card_links(self, record: CardRecord) -> None:
        card = self.cards[record.key]
        if card is None:
            return
        claim = self.claims[self._type(ExperienceCard), record.source_key]
        rows = []
        for link in record.links:
            target_card = self._card(link.target_card_key) if link.target_card_key else None
            target_resource = (
                self._resource(link.target_resource_key) if link.target_resource_key else None
            )
            if not (target_card or target_resource or link.label):
                continue  # its target was deleted by an editor
            rows.append(
                {
                    "kind": link.kind,
                    "label": link.label,
                    "target_card": target_card,
                    "target_resource": target_resource,
                }
            )
        self._write_rows(claim, "links", rows, partial(self._write_card_rows, card, links=rows))

    def write_project_listing(self, record) -> None:
        groups = self._groups([record.group_code])
        source = self._resource(self.document.source.key)
        if not record.source_key:
            raise SourceFormatError(f"project listing {record.title!r} has no source key")
        claim = self._claim(
            ProjectListing,
            record.source_key,
            {"working_group__code": record.group_code, "title": record.title,
             "source_resource": source},
        )  # fmt: skip
        if claim is None or not groups or source is None:
            return
        values = {
            "working_group": groups[0],
            "title": record.title,
            "porteur_name": record.porteur_name,
            "region_as_written": record.region_as_written,
            "departement": self._departement(record.departement_code),
            "source_resource": source,
            "source_page": record.source_page,
        }
        self._write_record(claim, ProjectListing, values)
        self._finish(ProjectListing, claim)

    # -- events -------------------------------------------------------------------------

    def write_event(self, record: EventRecord) -> Event | None:
        """The event and its programme. Its fields, and each part's, are owned one by one
        like a card's; each part is a record of its own (a part an editor deleted is not
        written again, a part an editor added is theirs); a part's speakers, cards and
        resources are lists owned as a whole, and so are the event's resources. Its
        status is set once, at creation."""
        if not record.source_key:
            raise SourceFormatError(f"event {record.key!r} has no source key")
        claim = self._claim(Event, record.source_key, {"slug": record.key})
        if claim is None:
            return None
        region = find_region(record.region) if record.region else None
        if record.region and region is None:
            raise SourceFormatError(f"event {record.key!r}: no région « {record.region} »")
        values = {
            "slug": record.key,
            "title": record.title,
            "kind": record.kind,
            "audience": record.audience,
            "organiser": self.organisation(record.organiser) if record.organiser else None,
            "summary": record.summary,
            "description": record.description,
            "starts_at": _moment(record.day, record.starts_at),
            "ends_at": (
                _moment(record.end_day or record.day, record.ends_at)
                if record.ends_at or record.end_day
                else None
            ),
            "date_only": record.starts_at is None,
            "place": record.place,
            "online_url": record.online_url,
            "region": region,
            "takes_registrations": record.takes_registrations,
            "capacity": record.capacity,
            "source_resource": self._resource(
                record.source_resource_key or self.document.source.key
            ),
        }
        status = PublicationStatus.PUBLISHED if record.published else PublicationStatus.DRAFT
        event = self._write_record(claim, Event, values, initial={"status": status})
        self._write_m2m(claim, "resources", [self._resource(key) for key in record.resource_keys])
        claim.entry.page = record.source_page
        for position, part in enumerate(record.parts):
            self.write_event_part(event, part, position)
        self._finish(Event, claim)
        return event

    def write_event_part(self, event: Event, record: EventPartRecord, position: int) -> None:
        if not record.source_key:
            raise SourceFormatError(f"event part {record.title!r} has no source key")
        # No part was imported before keys were kept: found by its key only.
        claim = self._claim(EventPart, record.source_key, {}, find=lambda: None)
        if claim is None:
            return
        values = {
            "event": event,
            "position": position,
            "session": record.session,
            "title": record.title,
            "starts_at": record.starts_at,
            "ends_at": record.ends_at,
            "description": record.description,
        }
        self._write_record(claim, EventPart, values)
        speakers = []
        for speaker in record.speakers:
            person = self.person(speaker.person)
            if person is None:  # an editor deleted them
                continue
            organisation = self.organisation(speaker.organisation) if speaker.organisation else None
            speakers.append(
                {"person": person, "organisation": organisation, "role_as_written": speaker.role}
            )
        self._write_rows(claim, "speakers", speakers)
        self._write_m2m(claim, "cards", [self._card(key) for key in record.card_keys])
        self._write_m2m(claim, "resources", [self._resource(key) for key in record.resource_keys])
        claim.entry.page = record.source_page
        self._finish(EventPart, claim)


def _moment(day, hour: time | None) -> datetime:
    """A day and an hour of the site's time zone; a day without an hour at its midnight
    (an event stored without an hour)."""
    return timezone.make_aware(datetime.combine(day, hour or time.min))


def _differs(instance: models.Model, name: str, value) -> bool:
    return field_value(instance, name) != comparable(value)

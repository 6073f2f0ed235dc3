"""The editorial workflow of cards and resources: brouillon → en relecture → publié →
archivé. Contributors write drafts and submit them; animators (who hold the model's
« publish » permission) publish, send back with a comment, or archive.

Only published records reach public pages, lists, search and counts (their selectors
filter on the status).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from vita import audit
from vita.models import PublicationStatus as Status


@dataclass(frozen=True)
class Transition:
    name: str
    label: str  # the admin action's French label
    sources: tuple[str, ...]
    target: str
    publisher_only: bool  # needs the model's publish permission


TRANSITIONS = {
    t.name: t
    for t in (
        Transition("submit", "Soumettre à la relecture", (Status.DRAFT,), Status.IN_REVIEW, False),
        Transition(
            "publish",
            "Publier",
            (Status.DRAFT, Status.IN_REVIEW, Status.ARCHIVED),
            Status.PUBLISHED,
            True,
        ),
        Transition(
            "send_back",
            "Renvoyer en brouillon avec un commentaire",
            (Status.IN_REVIEW,),
            Status.DRAFT,
            True,
        ),
        Transition(
            "archive",
            "Archiver",
            (Status.DRAFT, Status.IN_REVIEW, Status.PUBLISHED),
            Status.ARCHIVED,
            True,
        ),
    )
}


def publish_permission(model) -> str:
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def may(user, transition: Transition, model) -> bool:
    if transition.publisher_only:
        return user.has_perm(publish_permission(model))
    return user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")


def check(records, transition_name: str, user) -> list[str]:
    """Why `transition_name` cannot apply to some of `records` (empty when it can)."""
    transition = TRANSITIONS[transition_name]
    records = list(records)
    if not records:
        return ["Aucune ligne choisie."]
    if not may(user, transition, type(records[0])):
        return [f"Vous n'avez pas le droit de faire « {transition.label} »."]
    problems = [
        f"« {record} » est {record.get_status_display().lower()} : "
        f"« {transition.label} » ne s'applique pas."
        for record in records
        if record.status not in transition.sources
    ]
    if transition.target == Status.PUBLISHED:
        problems += [problem for record in records if (problem := _unpublishable(record))]
    return problems


def _unpublishable(record) -> str:
    """What keeps `record` from being published (its constraints say), if anything."""
    status = record.status
    record.status = Status.PUBLISHED
    try:
        record.validate_constraints()
    except ValidationError as error:
        return f"« {record} » ne peut pas être publié : {' '.join(error.messages)}"
    finally:
        record.status = status
    return ""


@transaction.atomic
def apply(records, transition_name: str, user, comment: str = "") -> int:
    """Moves every record, or none (a French message says why). Returns how many moved."""
    records = list(records)
    problems = check(records, transition_name, user)
    if problems:
        raise (PermissionDenied if "droit" in problems[0] else ValidationError)(problems)
    transition = TRANSITIONS[transition_name]
    if transition_name == "send_back" and not comment.strip():
        raise ValidationError("Écrivez le commentaire qui accompagne le renvoi.")
    now = timezone.now()
    for record in records:
        record.status = transition.target
        if transition.target == Status.PUBLISHED and not record.published_at:
            record.published_at = now
        if transition_name == "send_back":
            record.review_comment = comment.strip()
        elif transition_name in ("submit", "publish"):
            record.review_comment = ""
        record.save()
    audit.workflow(user, transition_name, records)
    return len(records)


def may_preview(user, record) -> bool:
    """A record not yet published shows to its author and to those who may publish it."""
    if not user.is_authenticated:
        return False
    return record.created_by_id == user.pk or user.has_perm(publish_permission(type(record)))

import re
import secrets

from django.db import IntegrityError, transaction
from django.utils.text import slugify

# Letters Unicode does not decompose: slugify would drop them (« mise-en-uvre »).
LIGATURES = str.maketrans({"œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae", "ß": "ss"})


def slug_of(text: str, max_length: int = 200) -> str:
    """The slug of a title, whole words only: « Mise en œuvre de l'insertion » →
    « mise-en-oeuvre-de-l-insertion »; an elision is a word boundary, a ligature is spelled
    out, and a slug longer than `max_length` ends at the last whole word that fits."""
    slug = slugify(re.sub(r"[’']", " ", text.translate(LIGATURES)))
    if len(slug) <= max_length:
        return slug
    cut = slug.rfind("-", 0, max_length + 1)
    return slug[:cut] if cut > 0 else slug[:max_length]


def free_slug(model, text: str, max_length: int = 200) -> str:
    """A slug of `text` no row of `model` has yet: « mon-projet », then « mon-projet-2 »…"""
    base = slug_of(text, max_length) or "sans-nom"
    slug, number = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def free_slugs(model, texts, taken=(), max_length: int = 200) -> list[str]:
    """Free slugs for several new rows of `model` at once, as `free_slug` would give them
    one by one, distinct from each other and from `taken`: one query for the plain
    slugs, and one more per slug already in use."""
    bases = [slug_of(text, max_length) or "sans-nom" for text in texts]
    in_use = model.objects.filter(slug__in=set(bases)).values_list("slug", flat=True)
    used = set(taken) | set(in_use)
    next_number: dict[str, int] = {}  # bases whose numbered slugs were read
    slugs = []
    for base in bases:
        slug = base
        if slug in used:
            if base not in next_number:
                numbered = model.objects.filter(slug__startswith=f"{base}-")
                used |= set(numbered.values_list("slug", flat=True))
                next_number[base] = 2
            while f"{base}-{next_number[base]}" in used:
                next_number[base] += 1
            slug = f"{base}-{next_number[base]}"
        used.add(slug)
        slugs.append(slug)
    return slugs


def create_with_free_slug(model, text: str, **fields):
    """A new row of `model` under a free slug of `text`. Two requests may pick the same
    free slug at once: the one that loses the race takes a slug with a random ending."""
    slug = free_slug(model, text)
    for _ in range(3):
        try:
            with transaction.atomic():
                return model.objects.create(slug=slug, **fields)
        except IntegrityError:
            if not model.objects.filter(slug=slug).exists():
                raise  # another constraint failed
            slug = f"{free_slug(model, text)}-{secrets.token_hex(3)}"
    raise IntegrityError(f"No free slug for « {text} »")

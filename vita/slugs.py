import secrets

from django.db import IntegrityError, transaction
from django.utils.text import slugify


def free_slug(model, text: str, max_length: int = 200) -> str:
    """A slug of `text` no row of `model` has yet: « mon-projet », then « mon-projet-2 »…"""
    base = slugify(text)[:max_length] or "sans-nom"
    slug, number = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


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

from django.utils.text import slugify


def free_slug(model, text: str, max_length: int = 200) -> str:
    """A slug of `text` no row of `model` has yet: « mon-projet », then « mon-projet-2 »…"""
    base = slugify(text)[:max_length] or "sans-nom"
    slug, number = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug

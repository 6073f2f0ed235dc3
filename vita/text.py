import unicodedata


def plain(text: str) -> str:
    """Lower case, without accents: « Isère » → « isere »."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()

import unicodedata


def plain(text: str) -> str:
    """Lower case, without accents: « Isère » → « isere »."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def choice_code(text: str, choices) -> str | None:
    """The code of the choice written `text`, by its label or its code, accents and case
    aside: « Intercommunalité / pays » and « intercommunalite » give « intercommunalite »."""
    wanted = plain(str(text).strip())
    for code, label in choices:
        if wanted in (plain(str(label)), plain(str(code))):
            return code
    return None

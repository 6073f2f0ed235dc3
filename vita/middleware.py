"""Input refused at the edge: a character the portal can neither store nor export, in the
address, a parameter or a form field, is answered with the French 400 page before any
view reads it (a NUL reaching PostgreSQL was a 500); text responses compressed."""

from django.middleware.gzip import GZipMiddleware
from django.shortcuts import render

from vita.text import code_point, refused_character, shown


class RefusedCharactersMiddleware:
    """The address, every key and value of the query string and of a posted form, checked
    by `vita.text.refused_character`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for where, text in _texts(request):
            character = refused_character(text)
            if character is not None:
                context = {
                    "refused_where": where,
                    "refused_code": code_point(character),
                    "refused_posted": request.method == "POST",
                }
                return render(request, "400.html", context, status=400)
        return self.get_response(request)


def _texts(request):
    """(where, text) of each text the request brings, `where` as the page names it. The
    names of uploaded files need no check: Django's multipart parser drops their
    characters that are not printable, every refused one among them."""
    yield "l'adresse de la page", request.path
    for source, what in ((request.GET, "paramètre"), (request.POST, "champ")):
        for key, values in source.lists():
            yield f"le nom du {what} « {shown(key)} »", key
            for value in values:
                yield f"le {what} « {shown(key)} »", value
    for key in request.FILES:
        yield f"le nom du champ « {shown(key)} »", key


class TextGZipMiddleware(GZipMiddleware):
    """Django's gzip (with its BREACH mitigation), for text only: the library's PDFs and
    Word files stay as they are, with their length, for downloads that resume."""

    COMPRESSED_TYPES = ("text/", "application/json", "application/xml", "image/svg+xml")

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(self.COMPRESSED_TYPES):
            return response
        return super().process_response(request, response)

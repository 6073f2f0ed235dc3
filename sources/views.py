from django.http import Http404
from django.shortcuts import render

from sources import selectors


def documents(request):
    return render(request, "sources/documents.html", {"documents": selectors.documents()})


def document(request, code):
    reader = selectors.reader(code)
    if reader is None:
        raise Http404("Document inconnu")
    titles = selectors.page_titles(reader)
    contents = [(page, titles[page.number]) for page in reader.pages]
    return render(request, "sources/document.html", {"reader": reader, "contents": contents})


def page(request, code, number):
    found = selectors.reader_page(code, number)
    if found is None:
        raise Http404("Page inconnue")
    return render(
        request,
        "sources/page.html",
        {"found": found, "reader": found.reader, "requested": number},
    )

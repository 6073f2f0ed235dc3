"""A fixed sweep of hostile input (issue 18): each character PostgreSQL or the file
formats refuse, bytes that are not UTF-8 and over-long values, sent to every parameter of
every public page and to every field of every public form.

Nothing here is a list written by hand: the pages come from the URLconf (their arguments
filled with the slugs and codes of published records), the parameters from the project's
FilterSets and from the GET forms and links of the pages, the forms from the pages' HTML.
A page, a filter or a form added later is swept without editing this file.

What must hold: never a 5xx; a refused character answers the French 400 page; a form
that does not accept a submission (anything but a redirect) writes nothing, counted by
PostgreSQL itself (`pg_stat_xact_user_tables`). The numbers are printed and written to
tests/artifacts/input_sweep.txt."""

import importlib
import importlib.util
import logging
import time
from collections import defaultdict
from itertools import product
from pathlib import Path
from urllib.parse import parse_qsl, quote, urljoin, urlsplit

import django_filters
import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import connection, transaction
from django.test import Client
from django.urls import NoReverseMatch, Resolver404, URLResolver, get_resolver, resolve, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from experiences.selectors import PAGE_SIZE
from resources.models import AccessLevel, Availability
from resources.selectors import MANUAL
from tests import factories, files
from tests.html import Form, forms_and_links
from tests.public_pages import public_site

pytestmark = pytest.mark.django_db

SUMMARY = Path(__file__).parent.parent / "artifacts" / "input_sweep.txt"

# What PostgreSQL (NUL) or XML 1.0 (the other C0 controls but tab, LF, CR; U+FFFE, U+FFFF)
# refuse; a lone surrogate cannot travel in UTF-8: its bytes are among NOT_UTF8.
REFUSED = [chr(code) for code in range(0x20) if chr(code) not in "\t\n\r"] + ["\ufffe", "\uffff"]
# Bytes that are not UTF-8, sent as they are: a lone byte, a surrogate's encoding
# (U+D800), an overlong NUL, a code point past U+10FFFF.
NOT_UTF8 = [b"\xff", b"\xed\xa0\x80", b"\xc0\x80", b"\xf4\x90\x80\x80"]
LONG = ["x" * 300, "x" * 100_000, "9" * 30]

# URL names that are no page to sweep: Django's admin but for its login, the one page of
# it the public reaches (the rest needs an account); the load balancers' probe, which
# reads no input.
ADMIN_PUBLIC = {"admin:login"}
SKIPPED_NAMES = {"healthz"}
# Pages shown only to their author or an animator: every address answers 404 to the
# public (tests/vita/test_workflow.py checks them).
PRIVATE = {"experiences:preview", "resources:preview"}
# Tables written whatever the answer, on purpose: django-axes records each failed login
# (the lock-out counts them), and a password-reset link keeps its token in the session.
RECORDS_ATTEMPTS = {"axes_accessattempt", "axes_accessfailurelog", "axes_accesslog",
                    "django_session"}  # fmt: skip


# -- what to sweep, built ------------------------------------------------------------------


@pytest.fixture
def published(db):
    """A published record of every kind a public address names, and an account whose
    password-reset link is public in the sense that matters: whoever holds it."""
    card = factories.ExperienceCardFactory(title="Un garage solidaire")
    card.partners.add(factories.OrganisationFactory())
    # A second page of cards: its links carry the page's parameter.
    factories.ExperienceCardFactory.create_batch(PAGE_SIZE, porteur=card.porteur)
    group = factories.WorkingGroupFactory()
    factories.CardListingFactory(card=card, working_group=group)
    manual = factories.CollectionFactory(slug=MANUAL)
    fiche = factories.FicheFactory(resource__collection=factories.CollectionFactory(parent=manual))
    factories.FicheCardLinkFactory(fiche=fiche, card=card)
    downloadable = factories.ResourceFactory(access_level=AccessLevel.PUBLIC)
    downloadable.file = files.upload("guide.pdf", files.PDF)
    downloadable.save()
    on_request = factories.ResourceFactory(availability=Availability.ON_REQUEST)
    user = factories.UserFactory(email="lea.martin@example.org")
    records = [card, card.porteur, group, group.programme, fiche, downloadable, on_request]
    # And the public site's sample records (`tests/public_pages.py`), where a page added
    # later names the record its address needs: it is swept with its forms.
    records += list(public_site().values())
    values = defaultdict(list)
    for record in records:
        # A support request's page is named by its reference, its private link by a token.
        for name in ("slug", "code", "reference", "token"):
            if getattr(record, name, ""):
                values[name].append(str(getattr(record, name)))
    values["code"].append("000")  # a source document, for its reader (sources)
    values["slug"].append("mentions-legales")  # a page of the footer
    values["number"] = ["12"]  # a page of it
    values["code"] += ["53", "35"]  # a région and a département (the API's territories)
    values["name"] = ["experiences"]  # a list's vocabulary (the API)
    values["section"] = ["experiences"]  # a section of the sitemap
    values["uidb64"] = [urlsafe_base64_encode(force_bytes(user.pk))]
    values["token"].append(default_token_generator.make_token(user))
    return values


def _named_patterns(resolver=None, namespace=None):
    """(name, argument names) of every named URL of the project's URLconf to sweep."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _named_patterns(pattern, pattern.namespace or namespace)
        elif pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            if not _skipped(name):
                yield name, sorted(pattern.pattern.regex.groupindex)


def _skipped(name: str | None) -> bool:
    admin = name is not None and name.startswith("admin:") and name not in ADMIN_PUBLIC
    return admin or name in SKIPPED_NAMES


class Site:
    """The public pages (address → HTML), found by walking the URLconf as an anonymous
    visitor: every filling of a page's arguments with the records' values is tried."""

    def __init__(self, client, values):
        self.pages: dict[str, str] = {}  # address → its HTML
        self.first: dict[str, str] = {}  # URL name → the first address that answered
        self.unfilled, self.elsewhere = set(), set()
        for name, arguments in _named_patterns():
            answered = set()
            for filling in product(*(values[argument] for argument in arguments)):
                try:
                    path = reverse(name, kwargs=dict(zip(arguments, filling, strict=True)))
                except NoReverseMatch:
                    continue
                response = client.get(path)
                if response.status_code in (301, 302) and _name(response["Location"]) == name:
                    # The same page under other arguments (a reset link hides its token).
                    path = response["Location"]
                    response = client.get(path)
                status = response.status_code
                answered.add(status)
                # 404: not this record's page; 405: a form's target, reached through the
                # forms; 3xx: an account's page. Anything else is a page (a JSON end point
                # answers 400 without its parameters).
                if status not in (301, 302, 404, 405):
                    self.first.setdefault(name, path)
                    if status == 200 and response["Content-Type"].startswith("text/html"):
                        self.pages[path] = response.content.decode()
            if name not in self.first:
                (self.unfilled if answered <= {404} else self.elsewhere).add(name)

    def parameters(self) -> set[str]:
        """The FilterSets' parameters, the fields of the pages' GET forms and the
        parameters of their links."""
        found = set(_filterset_parameters())
        for html in self.pages.values():
            page_forms, links = forms_and_links(html)
            found |= {f.name for form in page_forms if form.method == "get" for f in form.fields}
            found |= {key for link in links for key, _ in parse_qsl(urlsplit(link).query)}
        return found

    def post_forms(self) -> dict[tuple, tuple[str, Form]]:
        """Each public POST form once: (its target's URL name, its fields) → (the address
        it is sent to, the form)."""
        found = {}
        for path, html in self.pages.items():
            for form in forms_and_links(html)[0]:
                target = urljoin(path, form.action or path)
                if form.method == "post" and not _skipped(_name(target)):
                    key = (_name(target), tuple(sorted(f.name for f in form.fields)))
                    found.setdefault(key, (target, form))
        return found


def _name(address: str) -> str | None:
    try:
        match = resolve(urlsplit(address).path)
    except Resolver404:
        return None
    return match.view_name


def _filterset_parameters():
    """The names of the filters of every FilterSet of the project's own apps."""
    project = [app for app in apps.get_app_configs() if Path(app.path).parent == settings.BASE_DIR]
    for app in project:
        if importlib.util.find_spec(f"{app.name}.filters"):
            importlib.import_module(f"{app.name}.filters")
    names = {app.name for app in project}
    pending, seen = [django_filters.FilterSet], set()
    while pending:
        for subclass in pending.pop().__subclasses__():
            if subclass not in seen:
                seen.add(subclass)
                pending.append(subclass)
    for filterset in seen:
        if filterset.__module__.split(".")[0] in names:
            yield from filterset.base_filters


# -- sending -----------------------------------------------------------------------------


class Sweep:
    """Sends requests, each in a savepoint rolled back after it (every request sees the
    same records, and a failed statement cannot spoil the next), and keeps the count."""

    def __init__(self, client):
        self.client = client
        self.sent = self.errors = 0
        self.problems: list[str] = []

    def send(self, method, path, what, *, refused=False, query="", body=None, data=None):
        with transaction.atomic():
            if method == "get":  # a page may count a download: its writes are not checked
                response, written = self.client.get(path, QUERY_STRING=query), 0
            else:
                before = _writes()
                if data is not None:
                    response = self.client.post(path, data)  # multipart, as the form says
                else:
                    response = self.client.post(
                        path, body, content_type="application/x-www-form-urlencoded"
                    )
                written = _writes() - before
            transaction.set_rollback(True)
        self.sent += 1
        status = response.status_code
        self.errors += status >= 500
        if status >= 500:
            self.problems.append(f"{status} {method.upper()} {path} {what}")
        elif refused and status != 400:
            self.problems.append(f"{status}, not 400, {method.upper()} {path} {what}")
        elif written and not 300 <= status < 400:
            self.problems.append(f"{written} rows written, {status} {path} {what}")


def _writes() -> int:
    """Rows inserted, updated or deleted so far by this test's transaction (aborted
    savepoints included), in the tables that should not record a refused request."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) "
            "FROM pg_stat_xact_user_tables WHERE NOT relname = ANY(%s)",
            [sorted(RECORDS_ATTEMPTS)],
        )
        return cursor.fetchone()[0]


def accepted(client, target: str, data: dict[str, str]) -> bool:
    """Whether the form takes this submission (a redirect), in a savepoint rolled back."""
    with transaction.atomic():
        response = client.post(target, data)
        transaction.set_rollback(True)
    return 300 <= response.status_code < 400


def _encoded(value: str | bytes) -> str:
    return quote(value.encode("utf-8", "surrogatepass") if isinstance(value, str) else value)


@pytest.fixture
def sweep(settings):
    """An anonymous client that answers a server error instead of raising it, rate limits
    off (a 429 would stop a value before it reaches the view), a line per refused request
    or failed login kept out of the log (server errors are still logged)."""
    settings.RATELIMIT_ENABLE = False
    loggers = [logging.getLogger(name) for name in ("django.request", "vita.audit")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    started = time.monotonic()
    yield Sweep(Client(raise_request_exception=False))
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)
    _summaries.append(time.monotonic() - started)


_summaries: list[float] = []
_counts: dict[str, tuple[int, int]] = {}


@pytest.fixture(scope="module", autouse=True)
def summary():
    """One line at the end: requests sent, server errors answered, time taken."""
    yield
    if _counts:
        sent = sum(count for count, _ in _counts.values())
        errors = sum(count for _, count in _counts.values())
        line = (
            f"Input sweep: {sent} requests sent, {errors} answered 5xx, "
            f"in {sum(_summaries):.0f} s ("
            + ", ".join(f"{what}: {count}" for what, (count, _) in _counts.items())
            + ")"
        )
        SUMMARY.parent.mkdir(exist_ok=True)
        SUMMARY.write_text(line + "\n", encoding="utf-8")
        print(f"\n{line}")


def _record(what: str, sweep: Sweep) -> None:
    _counts[what] = (sweep.sent, sweep.errors)


# -- the sweep -----------------------------------------------------------------------------


def test_the_walk_finds_the_public_pages_parameters_and_forms(client, published):
    site = Site(client, published)

    assert {"home", "experiences:list", "experiences:detail", "workgroups:detail",
            "resources:fiche", "resources:resource", "organisations:detail",
            "resources:download", "name_lookup", "login",
            "admin:login"} <= set(site.first)  # fmt: skip
    assert site.unfilled <= PRIVATE, f"arguments the records cannot fill: {site.unfilled}"
    assert {"q", "page", "region", "debut", "tri", "type"} <= site.parameters()
    forms = site.post_forms()
    reports = {"experiences:report", "workgroups:report", "resources:report_fiche"}
    assert {"experiences:propose", "resources:request", *reports, "login", "admin:login",
            "password_reset", "password_reset_confirm"} <= {name for name, _ in forms}  # fmt: skip
    # The submissions the sweep starts from pass where a visitor's would: each changed
    # value then reaches what the form does with it.
    passing = {name for (name, _), (target, form) in forms.items()
               if accepted(client, target, _valid_submission(form))}  # fmt: skip
    assert {"experiences:propose", "resources:request", *reports, "password_reset",
            "password_reset_confirm"} <= passing  # fmt: skip


def test_every_parameter_of_every_public_page(published, sweep):
    site = Site(sweep.client, published)
    parameters = sorted(site.parameters())
    assert len(site.first) >= len(REFUSED)  # every parameter takes each character (below)

    for page_number, path in enumerate(site.first.values()):
        for character in REFUSED:
            sweep.send("get", path, f"key {character!r}", refused=True,
                       query=f"{_encoded(character)}=1")  # fmt: skip
        for number, parameter in enumerate(parameters):
            # A refused character is answered at the edge whatever the parameter and the
            # page (vita.middleware), so each parameter of a page takes one, the next of
            # the list from page to page: every page gets every character (as keys, above,
            # and across its parameters), every parameter every character across the
            # pages. What reaches the views, bytes that are not UTF-8 and long values, is
            # sent to every parameter of every page.
            refused = REFUSED[(number + page_number) % len(REFUSED)]
            for value in [refused, *NOT_UTF8, *LONG]:
                sweep.send(
                    "get",
                    path,
                    f"{parameter}={value[:12]!r}",
                    refused=isinstance(value, str) and value in REFUSED,
                    query=f"{_encoded(parameter)}={_encoded(value)}",
                )

    _record("pages", sweep)
    assert sweep.problems == [], f"{len(sweep.problems)} of {sweep.sent}: {sweep.problems[:20]}"


def test_every_field_of_every_public_form(published, sweep):
    site = Site(sweep.client, published)

    for (_name, _fields), (target, form) in site.post_forms().items():
        valid = _valid_submission(form)
        for field in {f.name: f for f in reversed(form.fields)}.values():  # each name once
            others = {name: value for name, value in valid.items() if name != field.name}
            if field.type == "file":
                for name in [*(f"fiche{c}.docx" for c in REFUSED), "x" * 300 + ".docx"]:
                    upload = files.upload(name, files.docx_bytes())
                    sweep.send("post", target, f"{field.name}: file {name[:12]!r}",
                               data=others | {field.name: upload})  # fmt: skip
                continue
            sent = valid.get(field.name, "")
            values = [sent[:1] + character + sent[1:] for character in REFUSED]
            # …and the field's own kind of value, past the usual column of 255 characters
            # but under the 320 of an e-mail address.
            values += [*NOT_UTF8, *LONG, "x" * 250 + sent]
            for value in values:
                refused = isinstance(value, str) and any(c in value for c in REFUSED)
                what = f"{field.name}={value[:12]!r}"
                if form.enctype == "multipart/form-data":
                    data = {name: [other] for name, other in others.items()}
                    sweep.send("post", target, what, refused=refused,
                               data=data | {field.name: [value]})  # fmt: skip
                else:
                    pairs = [*others.items(), (field.name, value)]
                    body = "&".join(f"{_encoded(k)}={_encoded(v)}" for k, v in pairs)
                    sweep.send("post", target, what, refused=refused, body=body)

    _record("forms", sweep)
    assert sweep.problems == [], f"{len(sweep.problems)} of {sweep.sent}: {sweep.problems[:20]}"


# Values a person would type, by the field's type: with them a form is accepted.
TYPED = {"email": "lea.martin@example.org", "password": "Un-mot-de-passe-solide-2024",
         "url": "https://www.example.org/", "tel": "01 23 45 67 89", "number": "2019"}  # fmt: skip


def _valid_submission(form: Form) -> dict[str, str]:
    """What a person filling the form in would send: the values the page gives, and a
    value of the right type in each required field left empty; the first submit button."""
    data = {}
    for field in form.fields:
        if field.type in ("submit", "image", "button", "reset", "file") or (
            field.type in ("checkbox", "radio") and not field.value
        ):
            continue
        value = field.value
        if not value and field.required:
            if field.type == "select":
                value = next((option for option in field.options if option), "")
            else:
                value = TYPED.get(field.type, "Un texte de test")
        data[field.name] = value
    if form.submit is not None and form.submit.name:
        data[form.submit.name] = form.submit.value
    return data

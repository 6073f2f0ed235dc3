import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods, require_safe

from vita.db.replica import reads_from_replica
from vita.files import CONTENT_TYPES, FileFormat, download_name, file_format, signed_download_url
from vita.notifications import notify_animators
from vita.ratelimits import TOO_MANY, limit_downloads, limit_searches, public_form_limited
from vita.reviews.views import report_page
from workgroups import services
from workgroups.audiences import Audience, audience_line, may_see
from workgroups.forms import CallAnswerForm, JoinForm
from workgroups.models import WorkingGroupStatus
from workgroups.selectors import (
    answer_prefill,
    call_detail,
    calls_for_list,
    meeting,
    programme_detail,
    programmes_with_groups,
    status_filter,
    user_membership,
    working_group,
)

logger = logging.getLogger(__name__)


@require_safe
@limit_searches
@reads_from_replica
def group_list(request):
    text = request.GET.get("q", "").strip()[:200]
    status, error = status_filter(request.GET.get("etat", ""))
    return render(
        request,
        "workgroups/list.html",
        {
            "programmes": programmes_with_groups(text, status),
            "q": text,
            "status": status,
            "statuses": WorkingGroupStatus.choices,
            "status_error": error,
        },
    )


@require_safe
def programme_page(request, slug):
    """A programme: what its documents say of it, its phases and its groups."""
    programme = programme_detail(slug)
    if programme is None:
        raise Http404("Programme introuvable")
    return render(request, "workgroups/programme.html", {"programme": programme})


@require_http_methods(["GET", "HEAD", "POST"])
def report(request, code):
    """« Signaler une erreur » on a working group."""
    group = working_group(code)
    if group is None:
        raise Http404("Groupe de travail introuvable")
    title = f"{group.code} — {group.name}"
    return report_page(request, group, title=title, kind="le groupe de travail")


# -- Calls for interest ----------------------------------------------------------------------

ANSWER_SENT = (
    "Merci : votre réponse est envoyée. Les animateurs du réseau l'examinent et vous "
    "écrivent à l'adresse que vous avez donnée."
)


@require_safe
def call_list(request):
    """The calls for interest: the open ones first, then the closed ones."""
    open_calls, closed_calls = calls_for_list()
    return render(
        request, "workgroups/calls.html", {"open_calls": open_calls, "closed_calls": closed_calls}
    )


@require_http_methods(["GET", "HEAD", "POST"])
def call_page(request, slug):
    """A call: what it is about, its group, its deadline, its questions, and the answer
    form while it is open. Once it is closed a sent answer is refused, and says why."""
    call = call_detail(slug)
    if call is None:
        raise Http404("Appel introuvable")
    if not call.is_open():
        refused = request.method == "POST"  # sent before the deadline, arrived after it
        return render(
            request,
            "workgroups/call.html",
            {"call": call, "refused": refused},
            status=400 if refused else 200,
        )
    posted = request.POST if request.method == "POST" else None
    form = CallAnswerForm(call.questions.all(), posted, initial=answer_prefill(request.user))
    status = 200
    if form.is_bound and form.is_valid():
        if form.is_spam():  # a robot: thanked, nothing written
            messages.success(request, ANSWER_SENT)
            return redirect(call)
        # Only answers that would be stored count against the limit.
        if public_form_limited(request, "call-answer", form.cleaned_data["email"]):
            form.add_error(None, TOO_MANY)
            status = 429
        else:
            try:
                services.answer_call(call, form.contact(), form.answers(), user=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, ANSWER_SENT)
                return redirect(call)
    return render(request, "workgroups/call.html", {"call": call, "form": form}, status=status)


JOINED = (
    "Votre demande est envoyée : un animateur du groupe l'examinera et vous répondra par e-mail."
)


def _join_refusal(group, user) -> str:
    """Why `user` cannot ask to join `group` (empty: they can)."""
    person = getattr(user, "person", None)
    if group.status == WorkingGroupStatus.CLOSED:
        return f"Le groupe {group.code} est clos : il n'accueille plus de nouveaux membres."
    if person is None:
        return (
            "Votre compte n'est rattaché à aucune personne du réseau : demandez à un "
            "animateur de le compléter pour rejoindre un groupe."
        )
    if person.organisation_id is None:
        return (
            "Votre fiche n'est rattachée à aucune structure : demandez à un animateur de la "
            "compléter pour rejoindre un groupe."
        )
    membership = user_membership(group, user)
    if membership is not None:
        return services.ALREADY_ASKED
    return ""


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def join(request, code):
    """« Demander à rejoindre le groupe »: a member of the network asks, for their
    structure; an animator decides in the admin."""
    group = working_group(code)
    if group is None:
        raise Http404("Groupe de travail introuvable")
    refusal = _join_refusal(group, request.user)
    form = JoinForm(request.POST if request.method == "POST" and not refusal else None)
    status = 200
    if form.is_bound and form.is_valid():
        if form.is_spam():
            messages.success(request, JOINED)
            return redirect(group.get_absolute_url())
        if public_form_limited(request, "group-join"):
            form.add_error(None, TOO_MANY)
            status = 429
        else:
            person = request.user.person
            try:
                membership = services.request_membership(
                    group,
                    person.organisation,
                    person,
                    role=form.cleaned_data["role"],
                    message=form.cleaned_data["message"],
                )
            except ValidationError as error:
                form.add_error(None, error.messages[0])
            else:
                _tell_animators(request, membership)
                messages.success(request, JOINED)
                return redirect(group.get_absolute_url())
    elif refusal and request.method == "POST":
        status = 400
    return render(
        request,
        "workgroups/join.html",
        {"group": group, "form": form, "refusal": refusal},
        status=status,
    )


def _tell_animators(request, membership) -> None:
    group, person = membership.working_group, membership.person
    admin_url = request.build_absolute_uri(reverse("admin:workgroups_groupmembership_changelist"))
    notify_animators(
        f"Demande pour rejoindre le groupe {group.code}",
        f"{person.full_name} ({membership.organisation.name}) demande à rejoindre le groupe "
        f"{group.code} — {group.name} comme {membership.get_role_display().lower()}.\n\n"
        f"{membership.message}\n\nAccepter ou refuser : {admin_url}",
    )


@require_safe
@limit_downloads
def minutes_file(request, code, slug):
    """The minutes file of a meeting, for the meeting's audience (asked of
    `workgroups.audiences`): others get the login page, or a 403 saying whose it is."""
    group = working_group(code)
    if group is None:
        raise Http404("Groupe de travail introuvable")
    found = meeting(group, slug)
    if found is None or not may_see(request.user, found.audience, group):
        # Anonymous readers log in first: whether a reserved meeting exists is not theirs.
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if found is None:
            raise Http404("Compte rendu introuvable")
        raise PermissionDenied(
            f"{audience_line(found.audience, group)} : votre compte ne donne pas accès à ce "
            "compte rendu."
        )
    if not found.minutes_file:
        raise Http404("Compte rendu introuvable")
    stored = found.minutes_file
    stored_format = file_format(stored.name)
    if not stored_format or not stored.storage.exists(stored.name):
        logger.error("The minutes of meeting %s/%s are missing: %s", code, slug, stored.name)
        raise Http404("Le fichier de ce compte rendu est introuvable.")
    fmt = FileFormat(stored_format)
    filename = download_name(f"Compte rendu {group.code} {found.slug}", fmt)
    private = found.audience != Audience.PUBLIC
    signed_url = signed_download_url(
        stored, filename, CONTENT_TYPES[fmt], private=private, method=request.method
    )
    if signed_url:
        response = redirect(signed_url)
        patch_cache_control(response, private=True, no_store=True)
        return response
    response = FileResponse(
        stored.open("rb"), as_attachment=True, filename=filename, content_type=CONTENT_TYPES[fmt]
    )
    response["X-Content-Type-Options"] = "nosniff"
    if private:
        patch_cache_control(response, private=True, no_store=True)
    return response

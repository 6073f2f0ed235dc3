from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from vita.db.replica import reads_from_replica
from vita.ratelimits import TOO_MANY, limit_searches, public_form_limited
from vita.reviews.views import report_page
from workgroups import services
from workgroups.forms import CallAnswerForm
from workgroups.selectors import (
    answer_prefill,
    call_detail,
    calls_for_list,
    programme_detail,
    programmes_with_groups,
    working_group,
)


@require_safe
@limit_searches
@reads_from_replica
def group_list(request):
    text = request.GET.get("q", "").strip()[:200]
    return render(
        request, "workgroups/list.html", {"programmes": programmes_with_groups(text), "q": text}
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

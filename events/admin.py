"""The events in the admin: an event with its programme inline, each part's speakers
on the part's page, the registrations per event (state filter, export), and the actions
that go through `events.services` (a capacity raised or an event restored moves the
waiting list up, an event cancelled tells everyone registered, a registration cancelled
or deleted frees its place)."""

from urllib.parse import quote

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from import_export.admin import ExportMixin

from events import services
from events.models import Event, EventPart, EventSpeaker, Registration
from events.registration_spreadsheet import RegistrationSheet
from vita.admin import HistoryAdmin
from vita.spreadsheets import FrenchCSV, FrenchExportForm, FrenchXLSX

Status = Registration.Status


class EventPartInline(admin.StackedInline):
    """The programme; each part's speakers are edited on its own page (« Modifier »)."""

    model = EventPart
    fields = ["position", "session", "title", ("starts_at", "ends_at"), "description", "cards",
              "resources"]  # fmt: skip
    autocomplete_fields = ["cards", "resources"]
    extra = 0
    show_change_link = True


@admin.action(permissions=["change"], description="Annuler les événements sélectionnés")
def cancel_events(modeladmin, request, queryset):
    """Asks for the reason first (sent to everyone registered), then cancels each."""
    events = list(queryset.annotate(told=Count(
        "registrations", filter=Q(registrations__status__in=Registration.ACTIVE)
    )))  # fmt: skip
    problems = [f"« {event} » est déjà annulé." for event in events if event.is_cancelled]
    if request.POST.get("confirmation") == "oui" and not problems:
        told = sum(
            services.cancel_event(event, note=request.POST.get("reason", "")) for event in events
        )
        modeladmin.message_user(
            request,
            f"{len(events)} événement(s) annulé(s) ; {told} personne(s) prévenue(s) par e-mail.",
            messages.SUCCESS,
        )
        return None
    return TemplateResponse(
        request,
        "admin/events/cancel_events.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": "Annuler des événements",
            "opts": modeladmin.model._meta,
            "events": events,
            "problems": problems,
            "reason": request.POST.get("reason", ""),
        },
    )


@admin.register(Event)
class EventAdmin(HistoryAdmin):
    list_display = ["title", "kind", "starts_at", "status", "audience", "places",
                    "registrations_link", "cancelled_at"]  # fmt: skip
    list_filter = ["status", "kind", "audience", "region"]
    list_select_related = ["region"]
    search_fields = ["title", "place", "summary"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["working_group", "organiser", "resources", "source_resource"]
    inlines = [EventPartInline]
    actions = [cancel_events]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "status", "summary", "description"]}),
        (
            "Quand et où",
            {"fields": ["starts_at", "ends_at", "date_only", "place", "online_url", "region"]},
        ),
        ("Pour qui", {"fields": ["audience", "working_group", "organiser"]}),
        (
            "Inscriptions",
            {"fields": ["takes_registrations", "capacity", "registration_closes_at"]},
        ),
        ("Après l'événement", {"fields": ["resources", "source_resource"]}),
        (
            "Annulation",
            {
                "fields": ["cancelled_at", "cancellation_note"],
                "description": "Pour annuler l'événement et prévenir les inscrits, utilisez "
                "l'action « Annuler les événements sélectionnés » de la liste. Vider « annulé "
                "le » rétablit un événement annulé par erreur.",
            },
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                confirmed=Count("registrations", filter=Q(registrations__status=Status.CONFIRMED)),
                waiting=Count("registrations", filter=Q(registrations__status=Status.WAITING)),
            )
            .order_by("-starts_at")  # a query that groups forgets Meta.ordering
        )

    @admin.display(description="places prises")
    def places(self, event):
        taken = f"{event.confirmed} / {event.capacity}" if event.capacity else str(event.confirmed)
        return f"{taken} (+{event.waiting} en attente)" if event.waiting else taken

    @admin.display(description="inscriptions")
    def registrations_link(self, event):
        url = reverse("admin:events_registration_changelist") + f"?event__id__exact={event.pk}"
        return format_html('<a href="{}">Voir les inscriptions</a>', url)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        moving = {"capacity", "takes_registrations", "cancelled_at"}
        if change and moving & set(form.changed_data):
            # A larger capacity (or none) gives its places to the people waiting, in order;
            # so does an event restored, the places freed while it was cancelled.
            promoted = services.move_waiting_list_up(obj)
            if promoted:
                self.message_user(
                    request,
                    f"{len(promoted)} personne(s) de la liste d'attente ont obtenu une place "
                    "et en sont prévenues par e-mail.",
                    messages.SUCCESS,
                )


class EventSpeakerInline(admin.TabularInline):
    model = EventSpeaker
    fields = ["position", "person", "role_as_written", "organisation"]
    autocomplete_fields = ["person", "organisation"]
    extra = 1


@admin.register(EventPart)
class EventPartAdmin(admin.ModelAdmin):
    """A part of a programme with its speakers; reached from its event's page."""

    list_display = ["title", "event", "position", "starts_at"]
    list_select_related = ["event"]
    list_filter = ["event"]
    search_fields = ["title", "event__title"]
    autocomplete_fields = ["event", "cards", "resources"]
    fields = ["event", "position", "session", "title", ("starts_at", "ends_at"), "description",
              "cards", "resources"]  # fmt: skip
    inlines = [EventSpeakerInline]

    def has_module_permission(self, request):
        return False  # edited from its event's page


@admin.action(permissions=["change"], description="Annuler les inscriptions sélectionnées")
def cancel_registrations(modeladmin, request, queryset):
    cancelled = promoted = 0
    for registration in queryset.select_related("event"):
        try:
            promoted += len(services.cancel_registration(registration))
        except services.RegistrationRefused as error:
            modeladmin.message_user(
                request, f"{registration} : {error.messages[0]}", messages.ERROR
            )
        else:
            cancelled += 1
    if cancelled:
        moved = (
            f" ; {promoted} personne(s) de la liste d'attente ont obtenu une place"
            if promoted
            else ""
        )
        modeladmin.message_user(
            request, f"{cancelled} inscription(s) annulée(s){moved}.", messages.SUCCESS
        )


ADDRESS_TAKEN = "Cette adresse est déjà inscrite à cet événement."


class RegistrationForm(forms.ModelForm):
    """An address corrected by an animator: never one already registered for the event
    (the unique constraint names the event, which this form does not edit, so the admin
    would not check it and the database would answer a 500)."""

    class Meta:
        model = Registration
        fields = ["email"]  # the admin adds the fields it shows

    def clean_email(self):
        email = self.cleaned_data["email"]
        registration = self.instance
        taken = (
            Registration.objects.filter(
                event_id=registration.event_id,
                status__in=Registration.ACTIVE,
                email__iexact=email,
            )
            .exclude(pk=registration.pk)
            .exists()
        )
        if registration.status in Registration.ACTIVE and taken:
            raise ValidationError(ADDRESS_TAKEN)
        return email


@admin.register(Registration)
class RegistrationAdmin(ExportMixin, admin.ModelAdmin):
    """The registrations, per event (filter), waiting list in its order; made on the site,
    cancelled by the action (which frees the place for the first in line)."""

    resource_classes = [RegistrationSheet]
    formats = [FrenchCSV, FrenchXLSX]
    export_form_class = FrenchExportForm
    list_display = ["name", "email", "organisation_name", "event", "status", "created_at",
                    "confirmed_at", "reminder_sent_at"]  # fmt: skip
    list_filter = ["status", "event"]
    list_select_related = ["event"]
    search_fields = ["name", "email", "organisation_name", "event__title"]
    actions = [cancel_registrations]
    fields = ["event", "status", "name", "email", "organisation_name", "note", "organisation",
              "person", "user", "created_at", "confirmed_at", "cancelled_at", "reminder_sent_at",
              "private_link"]  # fmt: skip
    readonly_fields = ["event", "status", "user", "created_at", "confirmed_at", "cancelled_at",
                       "reminder_sent_at", "private_link"]  # fmt: skip
    autocomplete_fields = ["organisation", "person"]
    form = RegistrationForm

    def has_add_permission(self, request):
        return False  # made on the event's page, through its rules (places, waiting list)

    def delete_model(self, request, obj):
        self.delete_queryset(request, Registration.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        """The places the deleted registrations held go to the first in line."""
        promoted = services.delete_registrations(queryset)
        if promoted:
            self.message_user(
                request,
                f"{len(promoted)} personne(s) de la liste d'attente ont obtenu une place "
                "et en sont prévenues par e-mail.",
                messages.SUCCESS,
            )

    @admin.display(description="page de l'inscription")
    def private_link(self, registration):
        # Tokens are URL-safe; a hand-written one is quoted rather than break the page.
        url = reverse("events:registration", args=[quote(registration.token, safe="")])
        return format_html('<a href="{}">{}</a>', url, "Ouvrir (lien personnel de la personne)")

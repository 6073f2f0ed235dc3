"""The export of an event's registrations (the list of attendees), French columns."""

from django.utils import timezone
from import_export import widgets
from import_export.fields import Field

from events.models import Registration
from vita.spreadsheets import ChoiceWidget, FrenchSheet


class ParisDateTimeWidget(widgets.Widget):
    def render(self, value, obj=None, **kwargs):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else ""


class RegistrationSheet(FrenchSheet):
    event = Field("event__title", "Événement", readonly=True)
    event_date = Field("event__starts_at", "Date", widget=ParisDateTimeWidget(), readonly=True)
    status = Field("status", "État", widget=ChoiceWidget(Registration.Status.choices, "un état"))
    name = Field("name", "Nom")
    email = Field("email", "Adresse e-mail")
    organisation_name = Field("organisation_name", "Structure")
    note = Field("note", "Besoins particuliers")
    created_at = Field("created_at", "Inscrit·e le", widget=ParisDateTimeWidget())
    confirmed_at = Field("confirmed_at", "Place obtenue le", widget=ParisDateTimeWidget())
    cancelled_at = Field("cancelled_at", "Annulée le", widget=ParisDateTimeWidget())

    class Meta:
        model = Registration
        fields = [
            "event", "event_date", "status", "name", "email", "organisation_name", "note",
            "created_at", "confirmed_at", "cancelled_at",
        ]  # fmt: skip
        export_order = fields

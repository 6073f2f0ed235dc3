"""The form of a group's page: « Demander à rejoindre le groupe »."""

from django import forms

from vita.forms import HoneypotForm
from workgroups.models import MemberRole


class JoinForm(HoneypotForm):
    role = forms.ChoiceField(
        label="Vous souhaitez participer comme",
        choices=[
            (MemberRole.PARTICIPANT, "Participant"),
            (MemberRole.EXPERT, "Expert (vous apportez une compétence au groupe)"),
        ],
        initial=MemberRole.PARTICIPANT,
        error_messages={
            "required": "Choisissez comment vous souhaitez participer.",
            "invalid_choice": "Choisissez « Participant » ou « Expert ».",
        },
    )
    message = forms.CharField(
        label="Votre message aux animateurs (facultatif)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Ce que vous attendez du groupe, ce que vous pouvez y apporter.",
    )

"""The public forms of the working groups: answering a call for interest, and « Demander à
rejoindre le groupe » on a group's page."""

from django import forms

from vita.forms import HoneypotForm
from workgroups.models import MemberRole

CONTACT_FIELDS = ["organisation_name", "first_name", "last_name", "role", "email", "phone"]


class CallAnswerForm(HoneypotForm):
    """A structure's answer to a call: who answers, one text per question of the call,
    whether they want an account on the site, and their consent."""

    organisation_name = forms.CharField(label="Nom de la structure", max_length=200)
    first_name = forms.CharField(label="Prénom", max_length=100)
    last_name = forms.CharField(label="Nom", max_length=100)
    role = forms.CharField(label="Fonction dans la structure", max_length=200)
    # The column's length: a longer address is the form's error, not the database's.
    email = forms.EmailField(label="Adresse e-mail", max_length=254)
    phone = forms.CharField(
        label="Téléphone (facultatif)",
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    wants_account = forms.BooleanField(
        label="Je souhaite un compte sur le site",
        required=False,
        help_text="Si votre réponse est retenue, vous recevrez par e-mail un lien pour "
        "choisir votre mot de passe, et accéderez à l'espace du groupe.",
    )
    consent = forms.BooleanField(
        label="J'accepte que ces informations soient conservées pour examiner ma réponse",
        error_messages={"required": "Cochez cette case pour que votre réponse soit examinée."},
        help_text="Elles ne sont pas publiées. Voir la page « Données personnelles ».",
    )

    def __init__(self, questions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for number, question in enumerate(self.questions, start=1):
            self.fields[f"question_{number}"] = forms.CharField(
                label=question.text, max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
            )
        for name, autocomplete in [("organisation_name", "organization"),
                                   ("first_name", "given-name"), ("last_name", "family-name"),
                                   ("role", "organization-title"), ("email", "email")]:  # fmt: skip
            self.fields[name].widget.attrs["autocomplete"] = autocomplete

    def contact_fields(self):
        return [self[name] for name in CONTACT_FIELDS]

    def question_fields(self):
        return [self[f"question_{number}"] for number in range(1, len(self.questions) + 1)]

    def contact(self) -> dict:
        return {name: self.cleaned_data[name] for name in [*CONTACT_FIELDS, "wants_account"]}

    def answers(self) -> dict[str, str]:
        """Each question as it is asked now → its answer."""
        return {
            question.text: self.cleaned_data[f"question_{number}"]
            for number, question in enumerate(self.questions, start=1)
        }


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

"""Form pieces shared by the public forms."""

from django import forms


class HoneypotForm(forms.Form):
    """A field people do not see and robots fill in: a filled one marks the form as spam,
    which then pretends to succeed and does nothing."""

    website = forms.CharField(
        label="Ne pas remplir ce champ",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

"""The forms of the site's own pages."""

from django import forms


class DeleteAccountForm(forms.Form):
    """« Supprimer mon compte »: the member's password confirms it is them."""

    password = forms.CharField(
        label="Votre mot de passe",
        max_length=4096,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Donnez votre mot de passe pour confirmer."},
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("Ce mot de passe n'est pas le bon : rien n'est supprimé.")
        return password

"""The admin's import pages driven as an animator drives them: a file previewed, then
confirmed."""

from django.urls import reverse

from tests import files

CSV, XLSX, JSON = "0", "1", "2"  # the formats' places in vita.spreadsheets.FORMATS


def preview_import(client, content, name="structures.csv", file_format=CSV, model="organisation"):
    url = reverse(f"admin:organisations_{model}_import")
    return client.post(url, {"format": file_format, "import_file": files.upload(name, content)})


def confirm_import(client, preview, model="organisation"):
    form = preview.context["confirm_form"]
    data = {name: form.initial.get(name, field.initial) for name, field in form.fields.items()}
    return client.post(reverse(f"admin:organisations_{model}_process_import"), data)


def preview_card_import(client, content, name, file_format):
    url = reverse("admin:experiences_experiencecard_import")
    return client.post(url, {"format": file_format, "import_file": files.upload(name, content)})


def confirm_card_import(client, preview):
    form = preview.context["confirm_form"]
    data = {name: form.initial.get(name, field.initial) for name, field in form.fields.items()}
    return client.post(reverse("admin:experiences_experiencecard_process_import"), data)

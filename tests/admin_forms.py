"""Admin forms filled as an animator fills them: every field as the page shows it, some
changed."""

from django.urls import reverse


def _form_value(value):
    """A value of a form's initial data as the browser posts it back."""
    if hasattr(value, "all"):
        value = value.all()
    if isinstance(value, list | tuple | set) or hasattr(value, "model"):
        return [getattr(v, "pk", v) for v in value]
    value = getattr(value, "pk", value)
    return "" if value is None else value


def change_through_admin(client, model, record, **changes):
    """Saves `record` through its admin form with `changes`, as an animator does: every
    field and inline row as the page shows it. An inline field is named
    `<prefix>-<row>-<field>` (see `inline_prefix`)."""
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
                  args=[record.pk])  # fmt: skip
    page = client.get(url)
    assert page.status_code == 200, (page.status_code, page.get("Location"))
    form = page.context["adminform"].form
    data = {name: _form_value(form.initial.get(name, field.initial))
            for name, field in form.fields.items()}  # fmt: skip
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
            data[f"{formset.formset.prefix}-{name}"] = management.initial.get(name, 0)
        for number, inline in enumerate(formset.formset.forms):
            for name, field in inline.fields.items():
                value = inline.initial.get(name, field.initial)
                if name == "id" and inline.instance.pk:
                    value = inline.instance.pk
                if name != "DELETE":
                    data[f"{formset.formset.prefix}-{number}-{name}"] = _form_value(value)
    data.update(changes)
    return client.post(url, data)


def inline_prefix(client, model, record, inline_model) -> str:
    """The form prefix of the admin inline of `inline_model` on `record`'s page."""
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
                  args=[record.pk])  # fmt: skip
    for formset in client.get(url).context["inline_admin_formsets"]:
        if formset.formset.model is inline_model:
            return formset.formset.prefix
    raise LookupError(inline_model)


def restore_version(client, url, page):
    """Restores the version whose admin page `page` (at `url`) shows."""
    form = page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if hasattr(value, "all"):
            value = value.all()
        if isinstance(value, list | tuple | set) or hasattr(value, "model"):
            value = [getattr(v, "pk", v) for v in value]
        data[name] = "" if value is None else getattr(value, "pk", value)
    for formset in page.context.get("inline_admin_formsets", []):
        management = formset.formset.management_form
        for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
            data[f"{formset.formset.prefix}-{name}"] = management.initial.get(name, 0)
    return client.post(url, data)

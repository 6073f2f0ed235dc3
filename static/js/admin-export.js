// The export page's « Tout sélectionner » box, bound here: the Content Security Policy
// refuses the inline handler django-import-export's template gives it.
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.querySelector("#id_select_all_toggle");
  if (!toggle) return;
  toggle.addEventListener("change", () => {
    document
      .querySelectorAll('.selectable-field-export-row input[type="checkbox"]')
      .forEach((checkbox) => {
        checkbox.checked = toggle.checked;
      });
  });
});

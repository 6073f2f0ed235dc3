/* VITA: small enhancements over pages that work without JavaScript.
 *
 * - A link `a[data-disclosure="id"]` opens its target as the page's :target without
 *   JavaScript (the menu, the filter drawer); here it becomes a button that shows and
 *   hides it, with aria-expanded, Escape to close and the focus handed back.
 * - A disclosure marked `data-drawer` is modal on a small screen: the rest of the page is
 *   inert while it is open, and htmx does not refresh the results at each tick, only
 *   when « Afficher les fiches » (or ressources) is pressed.
 * - htmx sends and pushes no empty parameter and no default sort (`?q=&debut=` never
 *   reaches the address bar).
 */
(function () {
  "use strict";

  var inerted = [];

  function target(button) {
    return document.getElementById(button.getAttribute("aria-controls"));
  }

  function enhance(root) {
    root.querySelectorAll("a[data-disclosure]").forEach(function (link) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = link.className;
      button.innerHTML = link.innerHTML;
      button.setAttribute("aria-controls", link.dataset.disclosure);
      button.setAttribute("aria-expanded", "false");
      if ("drawer" in link.dataset) button.dataset.drawer = "";
      link.replaceWith(button);
    });
    root.querySelectorAll("a[data-disclosure-close]").forEach(function (link) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = link.className;
      button.innerHTML = link.innerHTML;
      button.dataset.disclosureClose = link.dataset.disclosureClose;
      link.replaceWith(button);
    });
  }

  // Everything but the open drawer becomes inert: the siblings of each of its ancestors.
  function makeTheRestInert(panel) {
    for (var node = panel; node && node !== document.body; node = node.parentElement) {
      Array.prototype.forEach.call(node.parentElement.children, function (sibling) {
        if (sibling !== node && !sibling.inert) {
          sibling.inert = true;
          inerted.push(sibling);
        }
      });
    }
  }

  function releaseTheRest() {
    inerted.forEach(function (element) {
      element.inert = false;
    });
    inerted = [];
  }

  function open(button) {
    var panel = target(button);
    if (!panel) return;
    // One panel at a time: the menu closes when the drawer opens, and back.
    document.querySelectorAll("button[aria-controls][aria-expanded='true']").forEach(function (other) {
      if (other !== button) close(other, false);
    });
    button.setAttribute("aria-expanded", "true");
    panel.classList.add("is-open");
    if ("drawer" in button.dataset) {
      panel.setAttribute("role", "dialog");
      panel.setAttribute("aria-modal", "true");
      var title = panel.querySelector("h2[id]");
      if (title) panel.setAttribute("aria-labelledby", title.id);
      document.body.classList.add("has-drawer");
      makeTheRestInert(panel);
      var first = panel.querySelector("[data-disclosure-close], input, select, button");
      if (first) first.focus();
    }
  }

  function close(button, restoreFocus) {
    var panel = target(button);
    button.setAttribute("aria-expanded", "false");
    if (panel) {
      panel.classList.remove("is-open");
      panel.removeAttribute("role");
      panel.removeAttribute("aria-modal");
      panel.removeAttribute("aria-labelledby");
    }
    if ("drawer" in button.dataset) {
      document.body.classList.remove("has-drawer");
      releaseTheRest();
    }
    if (restoreFocus) button.focus();
  }

  function buttonFor(panelId) {
    return document.querySelector('button[aria-controls="' + panelId + '"]');
  }

  function openDrawer() {
    var button = document.querySelector("button[data-drawer][aria-expanded='true']");
    return button && target(button);
  }

  document.addEventListener("click", function (event) {
    var toggle = event.target.closest("button[aria-controls]");
    if (toggle && toggle.hasAttribute("aria-expanded")) {
      if (toggle.getAttribute("aria-expanded") === "true") close(toggle, false);
      else open(toggle);
      return;
    }
    var closer = event.target.closest("button[data-disclosure-close]");
    if (closer) {
      var button = buttonFor(closer.dataset.disclosureClose);
      if (button) close(button, true);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var expanded =
      document.querySelector("button[data-drawer][aria-expanded='true']") ||
      document.querySelector("button[aria-controls][aria-expanded='true']");
    if (expanded) {
      close(expanded, true);
      event.preventDefault();
    }
  });

  // While the drawer is open, a tick waits for « Afficher les fiches ».
  document.addEventListener("htmx:confirm", function (event) {
    var drawer = openDrawer();
    var trigger = event.detail.triggeringEvent;
    if (drawer && trigger && trigger.type === "change" && drawer.contains(event.target)) {
      event.preventDefault();
    }
  });

  // No empty parameter, and no sort that is the default one (data-default on its field).
  document.addEventListener("htmx:configRequest", function (event) {
    var parameters = event.detail.parameters;
    var names = [];
    for (var name in parameters) names.push(name);
    var hasWords = String(parameters.q || "").trim() !== "";
    names.forEach(function (name) {
      var values = [].concat(parameters[name]).filter(function (value) {
        return String(value).trim() !== "";
      });
      var field = event.detail.elt.querySelector && event.detail.elt.querySelector('[name="' + name + '"][data-default]');
      if (field && values.length === 1) {
        var fallback = hasWords && field.dataset.defaultWithWords ? field.dataset.defaultWithWords : field.dataset.default;
        if (values[0] === fallback) values = [];
      }
      if (values.length === 0) delete parameters[name];
    });
  });

  // The drawer swapped out with the results: the page is whole again, and the focus goes
  // to the number of results. Only that swap does it: the territory finder's suggestions,
  // inside the drawer, leave it as it is.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var drawer = openDrawer();
    if (drawer && event.detail.target && event.detail.target.contains(drawer)) {
      document.body.classList.remove("has-drawer");
      releaseTheRest();
      document.body.dataset.drawerWasOpen = "true";
    }
  });

  document.addEventListener("htmx:afterSettle", function () {
    if (document.body.dataset.drawerWasOpen) {
      delete document.body.dataset.drawerWasOpen;
      var count = document.getElementById("nombre-resultats");
      if (count) count.focus();
    }
  });

  // « Imprimer la fiche »: hidden without JavaScript (the browser's own print remains).
  function enablePrint(root) {
    root.querySelectorAll("button[data-print]").forEach(function (button) {
      button.hidden = false;
    });
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest("button[data-print]")) window.print();
  });

  // The page kept for « Back » is kept closed; a page brought back is whole again.
  document.addEventListener("htmx:beforeHistorySave", function () {
    document.querySelectorAll("button[aria-controls][aria-expanded='true']").forEach(function (button) {
      close(button, false);
    });
  });

  document.addEventListener("htmx:historyRestore", function () {
    document.body.classList.remove("has-drawer");
    releaseTheRest();
    delete document.body.dataset.drawerWasOpen;
  });

  document.addEventListener("htmx:load", function (event) {
    enablePrint(event.detail.elt);
    enhance(event.detail.elt);
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      enhance(document);
      enablePrint(document);
    });
  } else {
    enhance(document);
    enablePrint(document);
  }
})();

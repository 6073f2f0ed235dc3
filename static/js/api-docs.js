// The API's documentation page: Swagger UI over the schema whose address the page gives
// (a file of the site, not an inline script: the Content Security Policy forbids those).
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const target = document.getElementById("swagger-ui");
  if (!target || typeof SwaggerUIBundle !== "function") {
    return;
  }
  SwaggerUIBundle({
    url: target.dataset.schemaUrl,
    domNode: target,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    deepLinking: true,
    // Read-only and anonymous: « Try it out » is offered on every operation.
    supportedSubmitMethods: ["get", "head"],
    // No call home to validator.swagger.io (the CSP would refuse it anyway).
    validatorUrl: null,
  });
});

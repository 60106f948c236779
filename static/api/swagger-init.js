/* Starts Swagger UI (from drf-spectacular-sidecar, served by the portal) on the API documentation page.
   A file of its own because the content security policy allows no inline script. */
document.addEventListener("DOMContentLoaded", function () {
  var node = document.getElementById("swagger-ui");
  if (!node || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  window.SwaggerUIBundle({
    url: node.getAttribute("data-schema-url"),
    domNode: node,
    deepLinking: false,
    docExpansion: "none",
    defaultModelsExpandDepth: 0,
    supportedSubmitMethods: ["get", "head"],
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
});

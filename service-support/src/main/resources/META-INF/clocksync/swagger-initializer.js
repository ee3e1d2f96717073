// Swagger UI for a clocksync service (served at /webjars/swagger-ui/swagger-initializer.js by
// ApiDocsController, in place of the webjar's own, which shows a demo API from the Internet).
window.onload = function () {
  window.ui = SwaggerUIBundle({
    // found from this page's own address (/webjars/swagger-ui/index.html), so that it works behind a
    // path prefix too
    url: new URL("../../v3/api-docs", window.location.href).href,
    dom_id: "#swagger-ui",
    deepLinking: true,
    operationsSorter: "alpha",
    tagsSorter: "alpha",
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: "StandaloneLayout"
  });
};

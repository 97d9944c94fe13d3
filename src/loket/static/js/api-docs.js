/* Starts Swagger UI on the API documentation (templates/drf_spectacular/swagger_ui.html).
 *
 * drf-spectacular does this with an inline script, which Loket's Content-Security-Policy does not
 * run; this file does the same from the page's data- attributes: the schema's address, the
 * settings (SPECTACULAR_SETTINGS["SWAGGER_UI_SETTINGS"]), the OAuth2 configuration, and the CSRF
 * header that "Try it out" sends with a POST from a signed-in session.
 */
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || !window.SwaggerUIBundle) { return; }
  var data = root.dataset;
  var settings = data.settings ? JSON.parse(data.settings) : {};
  var ui = window.SwaggerUIBundle(Object.assign({
    url: data.schemaUrl,
    dom_id: "#swagger-ui",
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    requestInterceptor: function (request) {
      if (["GET", undefined].indexOf(request.method) === -1 && request.credentials === "same-origin") {
        request.headers[data.csrfHeader] = data.csrfToken;
      }
      return request;
    },
  }, settings));
  if (data.oauth2Config && data.oauth2Config !== "null") { ui.initOAuth(JSON.parse(data.oauth2Config)); }
})();

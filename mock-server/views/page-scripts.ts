/*
 * Scripts for the server-rendered screens (classic, conventional). Event
 * delegation on the document, so they keep working on forms drawn again.
 */

/**
 * Cognito's advanced security script collects device data into the hidden
 * `cognitoAsfData` field when the form is submitted; the server refuses a
 * sign-in without it. Base64 JSON here; the real blob is opaque.
 */
export const ASF_SCRIPT = String.raw`
(function () {
  function collect(form) {
    var field = form.querySelector('input[name="cognitoAsfData"]');
    if (!field) return;
    var data = {
      timestamp: Date.now(),
      userAgent: navigator.userAgent,
      language: navigator.language,
      screen: [screen.width, screen.height].join('x'),
      timezoneOffset: new Date().getTimezoneOffset()
    };
    field.value = btoa(JSON.stringify(data));
  }
  document.addEventListener('submit', function (event) {
    if (event.target && event.target.tagName === 'FORM') collect(event.target);
  });
})();
`;

/**
 * late-hydration: until `ms` after load, submitting does nothing; then every
 * form is replaced by a fresh, empty copy (new nodes), so whatever was typed
 * before is lost and old element handles point at detached nodes.
 */
export function lateHydrationScript(ms: number): string {
  return String.raw`
(function () {
  var hydrated = false;
  document.addEventListener('submit', function (event) {
    if (!hydrated) { event.preventDefault(); event.stopImmediatePropagation(); }
  }, true);
  var pristine = Array.prototype.map.call(document.forms, function (form) { return form.cloneNode(true); });
  setTimeout(function () {
    hydrated = true;
    Array.prototype.slice.call(document.forms).forEach(function (form, i) {
      if (pristine[i]) form.replaceWith(pristine[i]);
    });
  }, ${JSON.stringify(ms)});
})();
`;
}

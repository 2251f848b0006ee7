/**
 * Screens that differ on purpose from everything the harness was written against, each standing for a
 * real login UI the journey met: a portal under a strict CSP whose error text arrives late, a
 * single-page login with no <form>, a UI that says "Loading..." in an alert before it draws, a link or
 * a plain <div> as the sign-in control, a "Welcome back / Continue" interstitial, a German e-mail code
 * screen, a form that loses what was typed to a late hydration, a native submit that lands on the
 * service's error page.
 */
import { page, type ForeignStep } from './server.js';
import type { Credentials } from './screens.js';

const refusal = 'Incorrect username or password.';
const checked = (user: Credentials, username: string | null, password: string | null) => (username === user.username && password === user.password ? undefined : refusal);

/** The portal's one script, served as a file: its CSP allows no inline script and no eval. */
export const PORTAL_SCRIPT = `
document.addEventListener('DOMContentLoaded', function () {
  var box = document.getElementById('message');
  if (!box || !box.dataset.text) return;
  setTimeout(function () { box.textContent = box.dataset.text; }, Number(box.dataset.delay || 400));
});`;

/**
 * A Web-SSO portal under `Content-Security-Policy: script-src 'self'`: j_username/j_password, an
 * `input[type=submit]`, and after a refusal an error box that is drawn empty and filled by its script
 * `delayMs` later (`undefined`: never filled).
 */
export function strictCspPortal(user: Credentials, options: { errorTextAfterMs: number | undefined }): ForeignStep {
  return {
    headers: { 'content-security-policy': "script-src 'self'; object-src 'none'" },
    render: ({ action, error }) => {
      const text = error !== undefined && options.errorTextAfterMs !== undefined ? ` data-text="${error}" data-delay="${options.errorTextAfterMs}"` : '';
      const box = error === undefined ? '' : `<div id="message" role="alert" class="portal-message" style="min-height:1.5em;padding:6px;border:1px solid #b00"${text}></div>`;
      return page(
        'Portal sign-on',
        `<script src="/portal.js"></script><h1>Portal</h1>${box}<form method="post" action="${action}"><label>User ID <input name="j_username"></label><label>Password <input type="password" name="j_password"></label><input type="submit" value="Login"></form>`,
      );
    },
    accept: (form) => checked(user, form.get('j_username'), form.get('j_password')),
  };
}

/**
 * A client-rendered login with no <form>: a fetch() POST, then window.location.assign to the callback.
 * A refusal is shown in an alert, or (`refusal: 'nothing'`) not at all: the screen stays as it was.
 */
export function singlePageLogin(user: Credentials, options: { refusal: 'alert' | 'nothing' } = { refusal: 'alert' }): ForeignStep {
  return {
    render: ({ action }) =>
      page(
        'Sign in',
        `<div id="app"><h1>Sign in</h1><div id="problem" role="alert" hidden></div>
<label for="u">Email</label><input id="u" type="email" autocomplete="username"><label for="p">Password</label><input id="p" type="password" autocomplete="current-password">
<button type="button" id="go">Sign in</button></div>
<script>document.getElementById('go').addEventListener('click', async function () {
  var body = new URLSearchParams({ email: document.getElementById('u').value, password: document.getElementById('p').value });
  var answer = await (await fetch(${JSON.stringify(action)}, { method: 'POST', headers: { accept: 'application/json' }, body: body })).json();
  if (answer.location) { window.location.assign(answer.location); return; }
  if (${JSON.stringify(options.refusal)} === 'nothing') return;
  var problem = document.getElementById('problem'); problem.hidden = false; problem.textContent = answer.error;
});</script>`,
      ),
    accept: (form) => checked(user, form.get('email'), form.get('password')),
  };
}

/** A React-like UI: "Loading..." in a role=alert box, then the form is drawn after `drawAfterMs`. */
export function loadingAlertFirst(user: Credentials, drawAfterMs: number): ForeignStep {
  return {
    render: ({ action, error }) =>
      page(
        'Sign in',
        `<div id="root"><div role="alert" class="status">Loading...</div></div>
<script>setTimeout(function () { document.getElementById('root').innerHTML = ${JSON.stringify(
          `${error === undefined ? '' : `<div role="alert">${error}</div>`}<form method="post" action="${action}"><label>Username<input name="username" autocomplete="username"></label><label>Password<input type="password" name="password"></label><button type="submit">Sign in</button></form>`,
        )}; }, ${drawAfterMs});</script>`,
      ),
    accept: (form) => checked(user, form.get('username'), form.get('password')),
  };
}

/** The sign-in control is a link styled as the primary button; Enter in the fields does nothing (two fields, no submit button). */
export function linkAsSignIn(user: Credentials): ForeignStep {
  return {
    render: ({ action, error }) =>
      page(
        'Sign in',
        `${error === undefined ? '' : `<div role="alert">${error}</div>`}<form id="f" method="post" action="${action}"><label>Username<input name="username"></label><label>Password<input type="password" name="password"></label>
<a href="#" class="btn btn-primary" id="go">Sign in</a></form>
<script>document.getElementById('go').addEventListener('click', function (event) { event.preventDefault(); document.getElementById('f').submit(); });</script>`,
      ),
    accept: (form) => checked(user, form.get('username'), form.get('password')),
  };
}

/** No control at all that anyone could recognise: a plain <div> with a click handler, and Enter does nothing. */
export function noSubmitControl(user: Credentials): ForeignStep {
  return {
    render: ({ action }) =>
      page(
        'Sign in',
        `<form id="f" method="post" action="${action}"><label>Username<input name="username"></label><label>Password<input type="password" name="password"></label>
<div class="fancy" id="go" style="padding:8px">→</div></form>
<script>document.getElementById('go').addEventListener('click', function () { document.getElementById('f').submit(); });</script>`,
      ),
    accept: (form) => checked(user, form.get('username'), form.get('password')),
  };
}

/** After sign-in: "Welcome back" with one primary action and no fields. */
export const welcomeBack: ForeignStep = {
  render: ({ action }) => page('Welcome back', `<h1>Welcome back</h1><p>You are signed in as tester.</p><form method="post" action="${action}"><button type="submit" name="go" value="1">Continue</button></form>`),
};

/** The e-mail one-time code, worded as a German product does. */
export const germanEmailCode: ForeignStep = {
  render: ({ action }) =>
    page(
      'Bestätigungscode',
      `<h1>Bestätigen Sie Ihre Anmeldung</h1><p>Wir haben einen 6-stelligen Code an t***@e***.com gesendet.</p><form method="post" action="${action}"><label>Code<input name="code" autocomplete="one-time-code" inputmode="numeric" maxlength="6"></label><button type="submit">Anmelden</button></form>`,
      'de',
    ),
  accept: () => 'Der Code ist falsch.',
};

/**
 * A form that loses what was typed to a late hydration: the first press finds its fields emptied and
 * says so ("Enter your email address.") without sending anything; after that it signs in normally.
 */
export function lostToHydration(user: Credentials): ForeignStep {
  return {
    render: ({ action }) =>
      page(
        'Sign in',
        `<form id="f" method="post" action="${action}"><div id="required" role="alert" hidden></div><label>Email<input type="email" name="email" autocomplete="username"></label><label>Password<input type="password" name="password" autocomplete="current-password"></label><button type="submit">Sign in</button></form>
<script>var hydrated = false; document.getElementById('f').addEventListener('submit', function (event) {
  if (hydrated) return;
  hydrated = true; event.preventDefault();
  for (var input of document.querySelectorAll('#f input')) input.value = '';
  var required = document.getElementById('required'); required.hidden = false; required.textContent = 'Enter your email address.';
});</script>`,
      ),
    accept: (form) => checked(user, form.get('email'), form.get('password')),
  };
}

/**
 * A one-step form caught half drawn: the first look sees the username field alone (the password
 * field and the button are not shown yet, as while a stylesheet or a script is still arriving), and
 * the rest shows as soon as something is typed. Pressing Enter in the username field then would post
 * an empty password, which the service refuses like a wrong one.
 */
export function restDrawnWhileTyping(user: Credentials): ForeignStep {
  return {
    render: ({ action, error }) =>
      page(
        'Sign in',
        `${error === undefined ? '' : `<p role="alert">${error}</p>`}<form method="post" action="${action}"><label>Email <input type="email" name="email" id="email" autocomplete="username"></label><div id="rest" style="display:none"><label>Password <input type="password" name="password" autocomplete="current-password"></label><button type="submit">Sign in</button></div></form>
<script>document.getElementById('email').addEventListener('input', function () { document.getElementById('rest').style.display = 'block'; });</script>`,
      ),
    accept: (form) => checked(user, form.get('email'), form.get('password')),
  };
}

/**
 * A server-rendered POST form without an action, taken over by its script `takeOverAfterMs` later
 * (a framework marks the elements it owns, here as Angular does): from then on a submit is a fetch()
 * that the service accepts. Posted natively before that, the form reaches the service without the
 * script's `via=script`, and is refused with its error page.
 */
export function takenOverLater(user: Credentials, takeOverAfterMs: number): ForeignStep {
  return {
    render: ({ action }) =>
      page(
        'Sign in',
        `<form id="f" method="post"><label>Email<input type="email" name="email" autocomplete="username"></label><label>Password<input type="password" name="password" autocomplete="current-password"></label><button type="submit">Sign in</button></form>
<script>setTimeout(function () {
  var form = document.getElementById('f');
  form.__ngContext__ = 1;
  form.addEventListener('submit', async function (event) {
    event.preventDefault();
    var body = new URLSearchParams(new FormData(form)); body.set('via', 'script');
    var answer = await (await fetch(${JSON.stringify(action)}, { method: 'POST', headers: { accept: 'application/json' }, body: body })).json();
    if (answer.location) window.location.assign(answer.location);
  });
}, ${takeOverAfterMs});</script>`,
      ),
    respond: (form) => (form.get('via') === 'script' ? undefined : page('Error', '<h1>Something went wrong.</h1><p>error=invalid_request</p>')),
    accept: (form) => checked(user, form.get('email'), form.get('password')),
  };
}

/** A plain server's form that posts to the page itself (no action, no hidden field, no script). */
export function postsToItself(user: Credentials): ForeignStep {
  return {
    render: () => page('Sign in', '<form method="post"><label>Email<input type="email" name="email"></label><label>Password<input type="password" name="password"></label><button type="submit">Sign in</button></form>'),
    accept: (form) => checked(user, form.get('email'), form.get('password')),
  };
}

/** The service's own error page, which a native submit of a form that was not interactive yet lands on. */
export function nativeSubmitToErrorPage(user: Credentials): ForeignStep {
  return {
    render: ({ action }) =>
      page('Sign in', `<form method="post" action="${action}"><label>Username<input name="username"></label><label>Password<input type="password" name="password"></label><button type="submit">Sign in</button></form>`),
    respond: () => page('Error', '<h1>An error was encountered with the requested page.</h1><p class="error-code">invalid_request</p>'),
    accept: (form) => checked(user, form.get('username'), form.get('password')),
  };
}

/**
 * Cloudscape's way of refusing: no role=alert, no "error" in any class or id; the password field is
 * marked aria-invalid and described by the message, and (`keepPassword`) keeps what was typed.
 */
export function refusalByStructure(user: Credentials, options: { keepPassword: boolean }): ForeignStep {
  return {
    render: ({ action }) =>
      page(
        'Sign in',
        `<div class="c-form"><label for="u">Username</label><input id="u" name="username" autocomplete="username">
<label for="p">Password</label><input id="p" type="password" name="password" autocomplete="current-password" aria-describedby="p-hint">
<div id="p-hint" class="c-hint"></div><button type="button" id="go" class="c-primary">Sign in</button></div>
<script>document.getElementById('go').addEventListener('click', async function () {
  var password = document.getElementById('p');
  var body = new URLSearchParams({ username: document.getElementById('u').value, password: password.value });
  var answer = await (await fetch(${JSON.stringify(action)}, { method: 'POST', headers: { accept: 'application/json' }, body: body })).json();
  if (answer.location) { window.location.assign(answer.location); return; }
  password.setAttribute('aria-invalid', 'true');
  ${options.keepPassword ? '' : "password.value = '';"}
  document.getElementById('p-hint').innerHTML = '<span class="c-warning">' + answer.error + '</span>';
});</script>`,
      ),
    accept: (form) => checked(user, form.get('username'), form.get('password')),
  };
}

/** Two steps, and "Forgot password?" only on the password step (as on managed login's replica). */
export function forgotLinkOnPasswordStep(user: Credentials): ForeignStep[] {
  return [
    {
      render: ({ action }) => page('Sign in', `<form method="post" action="${action}"><label>Email<input type="email" name="email"></label><button type="submit">Next</button></form>`),
      accept: (form) => (form.get('email') === user.username ? undefined : 'Enter your email address.'),
    },
    {
      render: ({ action }) =>
        page('Sign in', `<form method="post" action="${action}"><label>Password<input type="password" name="password"></label><a href="/forgotPassword">Forgot password?</a><button type="submit">Sign in</button></form>`),
      accept: (form) => (form.get('password') === user.password ? undefined : refusal),
    },
  ];
}

/**
 * A refusal drawn late: the answer to a wrong password is a page that shows nothing until its
 * script draws the form and the error `drawAfterMs` after it loaded. Reloading that page would send
 * the POST (and the password) again.
 */
export function lateDrawnRefusal(user: Credentials, drawAfterMs: number): ForeignStep {
  return {
    render: ({ action, error }) => {
      const form = `<h1>Sign in</h1>${error === undefined ? '' : `<p role="alert">${error}</p>`}<form method="post" action="${action}"><label>Email <input name="email" type="email" autocomplete="username"></label><label>Password <input type="password" name="secret" autocomplete="current-password"></label><button type="submit">Sign in</button></form>`;
      if (error === undefined) return page('Sign in', form);
      return page('Sign in', `<div id="root"></div><script>setTimeout(function () { document.getElementById('root').innerHTML = ${JSON.stringify(form)}; }, ${drawAfterMs});</script>`);
    },
    accept: (form) => checked(user, form.get('email'), form.get('secret')),
  };
}

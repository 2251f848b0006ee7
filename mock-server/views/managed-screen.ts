import { escapeHtml, jsonForScript } from '../html.js';
import type { Lang } from '../i18n.js';
import { layout } from './layout.js';

/*
 * Stand-in for Cognito's React "managed login", shared by every managed screen
 * (sign-in, codes, new password, method choice, passkey offer, password reset).
 * What matters for the harness:
 * - the markup exists only after the script runs, with generated ids (":r0:");
 * - field values live in script state fed ONLY by `input` events, like React
 *   controlled inputs, so writing input.value without events submits nothing;
 * - submission is a fetch returning JSON and success is a script navigation
 *   (location.assign), not an HTTP redirect of the page;
 * - steps of one screen (username, then password) may be drawn client-side.
 */

export interface ManagedField {
  name: string;
  label: string;
  type: 'text' | 'password' | 'email' | 'tel';
  autocomplete?: string;
  inputmode?: string;
  maxlength?: number;
}

export interface ManagedButton {
  text: string;
  /** Posted as `action`; the server tells the buttons of one screen apart by it. */
  action?: string;
  /** Drawn as a secondary (link-style) button. */
  secondary?: boolean;
}

export interface ManagedStep {
  fields: ManagedField[];
  buttons: ManagedButton[];
  /** "Signing in as <value of this field from an earlier step>". */
  echo?: { text: string; field: string };
  /** Text shown when the step is submitted with an empty field. */
  emptyMessage?: string;
}

export interface ManagedScreenConfig {
  lang: Lang;
  title: string;
  heading: string;
  intro?: string;
  /** A value to show, e.g. the authenticator setup key. */
  detail?: { label: string; value: string };
  action: string;
  csrfToken: string;
  error: string | null;
  steps: ManagedStep[];
  links: Array<{ href: string; text: string }>;
  /** late-hydration: the screen is inert this long, then drawn again from scratch. */
  hydrationMs: number | null;
  somethingWrong: string;
  networkError: string;
}

const CLIENT_SCRIPT = String.raw`
(function () {
  var config = window.__LOGIN_CONFIG__;
  var root = document.getElementById('root');
  var state;
  var hydrated = config.hydrationMs === null;
  function initialState() {
    return { values: {}, step: 0, error: config.error || null, busy: false };
  }
  state = initialState();
  var nextId = 0;
  function useId() { return ':r' + (nextId++).toString(36) + ':'; }

  function h(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      var value = props[key];
      if (value === undefined || value === null || value === false) return;
      if (key === 'onInput') node.addEventListener('input', value);
      else if (key === 'onSubmit') node.addEventListener('submit', value);
      else if (key === 'text') node.textContent = value;
      else if (key === 'value') node.value = value;
      else node.setAttribute(key, value === true ? '' : String(value));
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function setState(patch) {
    Object.keys(patch).forEach(function (key) { state[key] = patch[key]; });
    render();
  }

  function showServerPage(html) {
    document.open();
    document.write(html);
    document.close();
  }

  function post(action) {
    setState({ busy: true, error: null });
    var body = new URLSearchParams();
    Object.keys(state.values).forEach(function (name) { body.set(name, state.values[name]); });
    if (action) body.set('action', action);
    body.set('_csrf', config.csrfToken);
    fetch(config.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'Accept': 'application/json',
        'X-CSRF-Token': config.csrfToken
      },
      body: body.toString()
    }).then(function (response) {
      var type = response.headers.get('content-type') || '';
      if (type.indexOf('application/json') === -1) return response.text().then(showServerPage);
      return response.json().then(function (result) {
        if (result.redirect) { window.location.assign(result.redirect); return; }
        var values = {};
        // Like a real app: secrets are cleared after a failed attempt, the rest is kept.
        Object.keys(state.values).forEach(function (name) {
          if (!/password|code/i.test(name)) values[name] = state.values[name];
        });
        setState({ busy: false, values: values, step: result.step === 0 ? 0 : state.step, error: result.error || config.somethingWrong });
      });
    }).catch(function () {
      setState({ busy: false, error: config.networkError });
    });
  }

  function onSubmit(event) {
    event.preventDefault();
    if (!hydrated || state.busy) return;
    var step = config.steps[state.step];
    var submitter = event.submitter;
    var action = submitter && submitter.getAttribute('data-action');
    var missing = step.fields.some(function (f) { return !state.values[f.name]; });
    if (missing && step.emptyMessage && !action) { setState({ error: step.emptyMessage }); return; }
    if (state.step < config.steps.length - 1) { setState({ step: state.step + 1, error: null }); return; }
    post(action || undefined);
  }

  function input(field) {
    var id = useId();
    var node = h('input', {
      id: id, name: field.name, type: field.type, autocomplete: field.autocomplete,
      inputmode: field.inputmode, maxlength: field.maxlength,
      value: state.values[field.name] || '',
      onInput: function (event) { state.values[field.name] = event.target.value; }
    });
    return h('div', { 'class': 'field' }, [h('label', { 'for': id, text: field.label }), node]);
  }

  function render() {
    nextId = 0;
    var step = config.steps[state.step];
    var children = [h('h1', { text: config.heading })];
    if (config.intro) children.push(h('p', { 'class': 'intro', text: config.intro }));
    if (config.detail) {
      children.push(h('p', { 'class': 'detail' }, [
        h('span', { text: config.detail.label + ': ' }), h('code', { text: config.detail.value })
      ]));
    }
    if (state.error) children.push(h('div', { role: 'alert', 'class': 'alert', text: state.error }));
    if (step.echo) {
      children.push(h('p', { 'class': 'signed-in-as' }, [
        document.createTextNode(step.echo.text + ' '),
        h('strong', { text: state.values[step.echo.field] || '' })
      ]));
    }
    step.fields.forEach(function (field) { children.push(input(field)); });
    step.buttons.forEach(function (button) {
      children.push(h('button', {
        type: 'submit', text: button.text, disabled: state.busy,
        'data-action': button.action, 'class': button.secondary ? 'link-button' : 'primary'
      }));
    });
    config.links.forEach(function (link) {
      children.push(h('p', {}, [h('a', { href: link.href, text: link.text })]));
    });
    var form = h('form', { noValidate: true, onSubmit: onSubmit }, children);
    root.replaceChildren(h('div', { 'class': 'card' }, [form]));
  }

  render();
  if (!hydrated) {
    // The server's first drawing is inert; hydration draws everything again,
    // so anything typed before it is gone, as with a slow-hydrating app.
    setTimeout(function () { hydrated = true; state = initialState(); render(); }, config.hydrationMs);
  }
})();
`;

const MANAGED_STYLE = `
.link-button{background:none;color:#2677d9;text-decoration:underline}
.detail code{font-size:13px;word-break:break-all}
`;

export function managedScreenPage(config: ManagedScreenConfig): string {
  return layout(
    config.title,
    `<div id="root" class="container"></div>
<noscript>${escapeHtml(config.heading)}</noscript>
<script>window.__LOGIN_CONFIG__ = ${jsonForScript(config)};${CLIENT_SCRIPT}</script>`,
    MANAGED_STYLE,
    config.lang,
  );
}

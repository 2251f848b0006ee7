import { jsonForScript } from '../html.js';
import { layout } from './layout.js';
import type { LoginView } from './login-view.js';

/*
 * Stand-in for Cognito's React "managed login". What matters for the harness:
 * - the markup exists only after the script runs, with generated ids (":r0:");
 * - field values live in script state fed ONLY by `input` events, like React
 *   controlled inputs, so writing input.value without events signs in as nobody;
 * - submission is a fetch returning JSON and success is a script navigation
 *   (location.assign), not an HTTP redirect of the page.
 */
const CLIENT_SCRIPT = String.raw`
(function () {
  var config = window.__LOGIN_CONFIG__;
  var root = document.getElementById('root');
  var state = {
    username: '',
    password: '',
    step: config.twoStep ? 'username' : 'credentials',
    error: config.error || null,
    busy: false
  };
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

  function field(label, input) {
    var id = useId();
    input.setAttribute('id', id);
    return h('div', { 'class': 'field' }, [h('label', { 'for': id, text: label }), input]);
  }

  function usernameInput() {
    var props = config.drift
      ? { name: 'login_identifier', 'aria-label': 'Identifier', type: 'text', autocomplete: 'off' }
      : { name: 'username', type: 'text', autocomplete: 'username' };
    props.value = state.username;
    props.onInput = function (event) { state.username = event.target.value; };
    return field(config.drift ? 'Identifier' : 'Email address', h('input', props));
  }

  function passwordInput() {
    return field('Password', h('input', {
      type: 'password', name: 'password', autocomplete: 'current-password', value: state.password,
      onInput: function (event) { state.password = event.target.value; }
    }));
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

  function submitCredentials() {
    setState({ busy: true, error: null });
    var body = new URLSearchParams();
    body.set('username', state.username);
    body.set('password', state.password);
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
        setState({ busy: false, password: '', error: result.error || 'Something went wrong' });
      });
    }).catch(function () {
      setState({ busy: false, error: 'Network error. Please try again.' });
    });
  }

  function onSubmit(event) {
    event.preventDefault();
    if (state.busy) return;
    if (state.step === 'username') {
      if (state.username === '') { setState({ error: 'Enter your email address.' }); return; }
      setState({ step: 'password', error: null });
      return;
    }
    submitCredentials();
  }

  function render() {
    nextId = 0;
    var children = [h('h1', { text: 'Sign in' })];
    if (state.error) children.push(h('div', { role: 'alert', text: state.error }));
    if (state.step === 'username') {
      children.push(usernameInput());
      children.push(h('button', { type: 'submit', text: 'Next', disabled: state.busy }));
    } else {
      if (config.twoStep) {
        children.push(h('p', { 'class': 'signed-in-as' }, [
          document.createTextNode('Signing in as '),
          h('strong', { text: state.username })
        ]));
      } else {
        children.push(usernameInput());
      }
      children.push(passwordInput());
      children.push(h('button', { type: 'submit', text: 'Sign in', disabled: state.busy }));
    }
    children.push(h('p', {}, [h('a', { href: config.forgotPasswordHref, text: 'Forgot your password?' })]));
    var form = h('form', { noValidate: true, onSubmit: onSubmit }, children);
    root.replaceChildren(h('div', { 'class': 'card' }, [form]));
  }

  render();
})();
`;

export function managedLoginPage(view: LoginView, twoStep: boolean): string {
  const config = {
    action: `/login?${view.rawQuery}`,
    forgotPasswordHref: `/forgotPassword?${view.rawQuery}`,
    csrfToken: view.csrfToken,
    error: view.error ?? null,
    twoStep,
    drift: view.selectorDrift,
  };
  return layout(
    'Sign in',
    `<div id="root" class="container"></div>
<script>window.__LOGIN_CONFIG__ = ${jsonForScript(config)};${CLIENT_SCRIPT}</script>`,
  );
}

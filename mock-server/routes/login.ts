import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkAuthorizeRequest, type AuthorizeRequest } from '../authorize-request.js';
import { callbackLocation } from '../callback.js';
import { SESSION_COOKIE, type ServerContext } from '../context.js';
import { csrfValid, issueCsrfToken } from '../csrf.js';
import {
  appendSetCookie,
  isFormEncoded,
  readForm,
  redirect,
  sendHtml,
  sendJson,
  serializeCookie,
} from '../http.js';
import { MESSAGES, signIn } from '../sign-in.js';
import { classicLoginPage } from '../views/classic-login.js';
import { forbiddenPage, serverErrorPage } from '../views/error-pages.js';
import type { LoginView } from '../views/login-view.js';
import { managedLoginPage } from '../views/managed-login.js';
import type { Route } from './route.js';

function renderLoginScreen(ctx: ServerContext, view: LoginView): string {
  switch (ctx.loginUi) {
    case 'classic':
      return classicLoginPage(view);
    case 'managed':
      return managedLoginPage(view, false);
    case 'managed-two-step':
      return managedLoginPage(view, true);
  }
}

/** The managed screens submit with fetch and ask for JSON; the classic form is a plain POST. */
function wantsJson(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').includes('application/json');
}

function showLoginScreen(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: ServerContext,
  rawQuery: string,
  error?: string,
): void {
  const view: LoginView = {
    rawQuery,
    csrfToken: issueCsrfToken(req, res),
    selectorDrift: ctx.faults.selectorDrift === true,
  };
  if (error !== undefined) view.error = error;
  sendHtml(res, 200, renderLoginScreen(ctx, view));
}

function completeSignIn(
  res: ServerResponse,
  ctx: ServerContext,
  request: AuthorizeRequest,
  username: string,
  json: boolean,
): void {
  const sessionId = ctx.sessions.create(username);
  const session = ctx.sessions.find(sessionId);
  appendSetCookie(
    res,
    serializeCookie(SESSION_COOKIE, sessionId, { maxAgeSeconds: ctx.sessions.ttlMs / 1000, httpOnly: true }),
  );
  const location = callbackLocation(ctx, request, username, session?.authTime ?? ctx.now());
  if (json) return sendJson(res, 200, { redirect: location });
  return redirect(res, location);
}

export const loginRoute: Route = {
  GET: (req, res, { rawQuery }, ctx) => {
    const check = checkAuthorizeRequest(rawQuery, ctx.clients);
    if (check.kind !== 'ok') return redirect(res, check.location);
    showLoginScreen(req, res, ctx, rawQuery);
  },

  POST: async (req, res, { rawQuery }, ctx) => {
    const json = wantsJson(req);
    const { slowLoginMs, login500 } = ctx.faults;
    // unref: a pending slow answer must not keep a closing test process alive.
    if (slowLoginMs) await sleep(slowLoginMs, undefined, { ref: false });
    if (res.destroyed) return;
    if (login500) return sendHtml(res, 500, serverErrorPage());

    const check = checkAuthorizeRequest(rawQuery, ctx.clients);
    if (check.kind !== 'ok') {
      return json ? sendJson(res, 200, { redirect: check.location }) : redirect(res, check.location);
    }

    const form = isFormEncoded(req) ? await readForm(req) : new URLSearchParams();
    if (!csrfValid(req, form)) return sendHtml(res, 403, forbiddenPage());

    // `login_identifier` is what the selector-drift screen posts; a harness given
    // an override selector for that field must still be able to sign in.
    const username = form.get('username') ?? form.get('login_identifier') ?? '';
    const password = form.get('password') ?? '';
    const outcome = signIn(ctx, username, password);
    if (outcome === 'signed-in') return completeSignIn(res, ctx, check.request, username, json);

    const message = MESSAGES[outcome];
    if (json) return sendJson(res, 400, { error: message });
    showLoginScreen(req, res, ctx, rawQuery, message);
  },
};

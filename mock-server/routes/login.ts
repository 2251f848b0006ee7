import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkAuthorizeRequest, errorPageLocation } from '../authorize-request.js';
import type { ServerContext } from '../context.js';
import { csrfValid, issueCsrfToken } from '../csrf.js';
import type { Challenge } from '../flows.js';
import { appendSetCookie, isFormEncoded, parseCookies, readForm, redirect, sendHtml, sendJson, serializeCookie } from '../http.js';
import { resolveLang, type Lang } from '../i18n.js';
import { failureMessage, isCloudscape, isManaged, signIn } from '../sign-in.js';
import { classicLoginPage } from '../views/classic-login.js';
import { blankLoginPage, conventionalLoginPage } from '../views/conventional-login.js';
import { serverErrorPage } from '../views/error-pages.js';
import type { LoginView } from '../views/login-view.js';
import { CLOUDSCAPE_PAGE_HEADERS, cloudscapeLoginPage } from '../views/cloudscape-login.js';
import { managedLoginPage } from '../views/managed-login.js';
import { afterPassword, goTo, goToChallenge, wantsJson } from './sign-in-flow.js';
import type { Route } from './route.js';

/** Set by the blank-first-render fault once a browser has seen its blank first load. */
const RENDERED_COOKIE = 'login-rendered';

/** The username is asked alone (and posted to /login) before the password. */
function identifierFirst(ctx: ServerContext): boolean {
  return ctx.loginUi === 'managed-two-page' || ctx.loginUi === 'managed-cloudscape' || (isManaged(ctx.loginUi) && ctx.pool.signInChoice);
}

function renderLoginScreen(ctx: ServerContext, view: LoginView): string {
  switch (ctx.loginUi) {
    case 'classic':
      return classicLoginPage(view);
    case 'conventional':
      return conventionalLoginPage(view);
    case 'managed':
      return managedLoginPage(view, identifierFirst(ctx) ? 'identifier' : 'one-step');
    case 'managed-two-step':
      return managedLoginPage(view, identifierFirst(ctx) ? 'identifier' : 'two-step');
    case 'managed-two-page':
      return managedLoginPage(view, 'identifier');
    case 'managed-cloudscape':
    case 'managed-cloudscape-one-step':
      return cloudscapeLoginPage({
        lang: view.lang,
        rawQuery: view.rawQuery,
        csrfToken: view.csrfToken,
        step: identifierFirst(ctx) ? 'identifier' : 'sign-in',
        action: `/login?${view.rawQuery}`,
        faults: ctx.faults,
        ...(view.error === undefined ? {} : { error: view.error }),
      });
  }
}

/** Headers a login screen is sent with: the Cloudscape view's scripts all come from this origin. */
export function screenHeaders(ctx: ServerContext): Readonly<Record<string, string>> {
  return isCloudscape(ctx.loginUi) ? CLOUDSCAPE_PAGE_HEADERS : {};
}

/** The language the screens of this request speak: managed login only, the others are English. */
export function screenLang(req: IncomingMessage, res: ServerResponse, ctx: ServerContext, query: URLSearchParams): Lang {
  const lang = resolveLang(req, res, query, ctx.loginLang);
  return isManaged(ctx.loginUi) ? lang : 'en';
}

export function loginView(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: ServerContext,
  rawQuery: string,
  lang: Lang,
  error?: string,
): LoginView {
  const view: LoginView = {
    rawQuery,
    csrfToken: issueCsrfToken(req, res),
    selectorDrift: ctx.faults.selectorDrift === true,
    lang,
    lateHydrationMs: ctx.faults.lateHydrationMs ?? null,
  };
  if (error !== undefined) view.error = error;
  return view;
}

function showLoginScreen(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: ServerContext,
  rawQuery: string,
  lang: Lang,
  error?: string,
): void {
  sendHtml(res, 200, renderLoginScreen(ctx, loginView(req, res, ctx, rawQuery, lang, error)), screenHeaders(ctx));
}

/** Cognito answers a missing or stale CSRF token with its error page, not a bare 403. */
export function refuseCsrf(res: ServerResponse, json: boolean, clientId: string | null): void {
  const location = errorPageLocation('invalid_request', clientId);
  if (json) return sendJson(res, 403, { redirect: location });
  return redirect(res, location);
}

/** What advanced security says when the device data its script collects is missing. */
export const ASF_REFUSED = 'Unable to verify your request. Reload the page and try again.';

export const loginRoute: Route = {
  GET: (req, res, { rawQuery, query }, ctx) => {
    const check = checkAuthorizeRequest(rawQuery, ctx.clients, ctx.pool.unknownClientError);
    if (check.kind !== 'ok') return redirect(res, check.location);
    const lang = screenLang(req, res, ctx, query);
    if (ctx.faults.blankFirstRender && parseCookies(req).get(RENDERED_COOKIE) === undefined) {
      appendSetCookie(res, serializeCookie(RENDERED_COOKIE, '1'));
      return sendHtml(res, 200, blankLoginPage(lang));
    }
    showLoginScreen(req, res, ctx, rawQuery, lang);
  },

  POST: async (req, res, { rawQuery, query }, ctx) => {
    const json = wantsJson(req);
    const { slowLoginMs, login500 } = ctx.faults;
    // unref: a pending slow answer must not keep a closing test process alive.
    if (slowLoginMs) await sleep(slowLoginMs, undefined, { ref: false });
    if (res.destroyed) return;
    if (login500) return sendHtml(res, 500, serverErrorPage());

    const check = checkAuthorizeRequest(rawQuery, ctx.clients, ctx.pool.unknownClientError);
    if (check.kind !== 'ok') return goTo(res, json, check.location);

    const form = isFormEncoded(req) ? await readForm(req) : new URLSearchParams();
    if (!csrfValid(req, form)) return refuseCsrf(res, json, query.get('client_id'));
    const lang = screenLang(req, res, ctx, query);

    // `login_identifier` is what the selector-drift screen posts; a harness given
    // an override selector for that field must still be able to sign in.
    // `user_id` and `pw` are the conventional screen's names.
    const username = form.get('username') ?? form.get('user_id') ?? form.get('login_identifier') ?? '';
    const password = form.get('password') ?? form.get('pw');

    if (identifierFirst(ctx) && password === null) {
      if (username === '') {
        const message = failureMessage(ctx.loginUi, lang, 'rejected');
        return json ? sendJson(res, 400, { error: message }) : showLoginScreen(req, res, ctx, rawQuery, lang, message);
      }
      // Unknown users go on too: the next screen must not reveal which accounts exist.
      const pending: Challenge[] = ctx.pool.signInChoice ? ['choice', 'password'] : ['password'];
      ctx.flows.end(req, res);
      const flow = ctx.flows.start(res, { rawQuery, username, pending, authTime: undefined });
      return goToChallenge(res, json, pending[0] ?? 'password', flow);
    }

    if (ctx.loginUi === 'classic' && !form.get('cognitoAsfData')) {
      return showLoginScreen(req, res, ctx, rawQuery, lang, ASF_REFUSED);
    }

    const outcome = signIn(ctx, username, password ?? '');
    if (outcome === 'signed-in') return afterPassword(req, res, ctx, check.request, username, json);

    const message = failureMessage(ctx.loginUi, lang, outcome);
    if (json) return sendJson(res, 400, { error: message });
    showLoginScreen(req, res, ctx, rawQuery, lang, message);
  },
};

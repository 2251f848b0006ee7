import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkAuthorizeRequest } from '../authorize-request.js';
import type { ServerContext } from '../context.js';
import { csrfValid, issueCsrfToken } from '../csrf.js';
import { isFormEncoded, readForm, redirect, sendHtml, sendJson, withQuery } from '../http.js';
import { MANAGED_TEXTS, type Lang } from '../i18n.js';
import { rawQueryWithout } from '../query.js';
import { isManaged } from '../sign-in.js';
import { confirmForgotPasswordPage, forgotPasswordPage, maskDestination } from '../views/forgot-password.js';
import { managedConfirmForgotPasswordPage, managedForgotPasswordPage } from '../views/managed-reset.js';
import { refuseCsrf, screenLang } from './login.js';
import type { Route } from './route.js';
import { goTo, wantsJson } from './sign-in-flow.js';

/*
 * The reset screens exist so the harness can recognise and navigate them; no mail
 * is sent and the password is NOT changed, or the default test user would stop
 * working for every later test against the same server. The classic UI draws
 * Cognito's classic screens; the managed UIs draw their own, localised.
 */

const INVALID_CODE = 'Invalid verification code provided, please try again.';

async function postedForm(req: IncomingMessage): Promise<URLSearchParams> {
  return isFormEncoded(req) ? readForm(req) : new URLSearchParams();
}

interface Ask {
  req: IncomingMessage;
  res: ServerResponse;
  ctx: ServerContext;
  rawQuery: string;
  lang: Lang;
  json: boolean;
}

function managedView(a: Ask, action: string, error?: string) {
  return {
    lang: a.lang,
    action,
    csrfToken: issueCsrfToken(a.req, a.res),
    loginHref: `/login?${rawQueryWithout(a.rawQuery, 'username')}`,
    ...(error === undefined ? {} : { error }),
  };
}

function showForgotPassword(a: Ask, error?: string): void {
  if (error !== undefined && a.json) return sendJson(a.res, 400, { error });
  if (isManaged(a.ctx.loginUi)) {
    return sendHtml(a.res, 200, managedForgotPasswordPage(managedView(a, `/forgotPassword?${a.rawQuery}`, error)));
  }
  const view = { rawQuery: a.rawQuery, csrfToken: issueCsrfToken(a.req, a.res), ...(error === undefined ? {} : { error }) };
  sendHtml(a.res, 200, forgotPasswordPage(view));
}

function showConfirm(a: Ask, username: string, error?: string): void {
  if (error !== undefined && a.json) return sendJson(a.res, 400, { error });
  if (isManaged(a.ctx.loginUi)) {
    const view = managedView(a, `/confirmForgotPassword?${a.rawQuery}`, error);
    return sendHtml(a.res, 200, managedConfirmForgotPasswordPage(view, maskDestination(username)));
  }
  const view = {
    rawQuery: a.rawQuery,
    username,
    csrfToken: issueCsrfToken(a.req, a.res),
    ...(error === undefined ? {} : { error }),
  };
  sendHtml(a.res, 200, confirmForgotPasswordPage(view));
}

export const forgotPasswordRoute: Route = {
  GET: (req, res, { rawQuery, query }, ctx) => {
    const check = checkAuthorizeRequest(rawQuery, ctx.clients, ctx.pool.unknownClientError);
    if (check.kind !== 'ok') return redirect(res, check.location);
    showForgotPassword({ req, res, ctx, rawQuery, lang: screenLang(req, res, ctx, query), json: false });
  },

  POST: async (req, res, { rawQuery, query }, ctx) => {
    const json = wantsJson(req);
    const check = checkAuthorizeRequest(rawQuery, ctx.clients, ctx.pool.unknownClientError);
    if (check.kind !== 'ok') return goTo(res, json, check.location);
    const form = await postedForm(req);
    if (!csrfValid(req, form)) return refuseCsrf(res, json, query.get('client_id'));
    const a: Ask = { req, res, ctx, rawQuery, lang: screenLang(req, res, ctx, query), json };
    const username = form.get('username') ?? '';
    if (username === '') {
      return showForgotPassword(a, isManaged(ctx.loginUi) ? MANAGED_TEXTS[a.lang].enterUsername : 'Username cannot be empty');
    }
    // Unknown users go on too: the screen must not reveal which accounts exist.
    const authorizeQuery = rawQueryWithout(rawQuery, 'username');
    goTo(res, json, withQuery(`/confirmForgotPassword?${authorizeQuery}`, [['username', username]]));
  },
};

export const confirmForgotPasswordRoute: Route = {
  GET: (req, res, { rawQuery, query }, ctx) => {
    const check = checkAuthorizeRequest(rawQuery, ctx.clients, ctx.pool.unknownClientError);
    if (check.kind !== 'ok') return redirect(res, check.location);
    const username = query.get('username');
    if (!username) return redirect(res, `/forgotPassword?${rawQueryWithout(rawQuery, 'username')}`);
    showConfirm({ req, res, ctx, rawQuery, lang: screenLang(req, res, ctx, query), json: false }, username);
  },

  POST: async (req, res, { rawQuery, query }, ctx) => {
    const json = wantsJson(req);
    const check = checkAuthorizeRequest(rawQuery, ctx.clients, ctx.pool.unknownClientError);
    if (check.kind !== 'ok') return goTo(res, json, check.location);
    const form = await postedForm(req);
    if (!csrfValid(req, form)) return refuseCsrf(res, json, query.get('client_id'));
    const a: Ask = { req, res, ctx, rawQuery, lang: screenLang(req, res, ctx, query), json };
    const username = query.get('username') ?? '';
    const code = form.get('code') ?? '';
    const password = form.get('password') ?? '';
    const again = form.get('confirmPassword');
    const invalid = isManaged(ctx.loginUi) ? MANAGED_TEXTS[a.lang].invalidResetCode : INVALID_CODE;
    if (!/^\d{6}$/.test(code) || password === '') return showConfirm(a, username, invalid);
    if (again !== null && again !== password) return showConfirm(a, username, MANAGED_TEXTS[a.lang].passwordsDiffer);
    goTo(res, json, `/login?${rawQueryWithout(rawQuery, 'username')}`);
  },
};

import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkAuthorizeRequest } from '../authorize-request.js';
import { csrfValid, issueCsrfToken } from '../csrf.js';
import { isFormEncoded, readForm, redirect, sendHtml, withQuery } from '../http.js';
import { rawQueryWithout } from '../query.js';
import { forbiddenPage } from '../views/error-pages.js';
import { confirmForgotPasswordPage, forgotPasswordPage } from '../views/forgot-password.js';
import type { Route } from './route.js';

/*
 * The reset screens exist so the harness can recognise and navigate them; no mail
 * is sent and the password is NOT changed, or the default test user would stop
 * working for every later test against the same server.
 */

const INVALID_CODE = 'Invalid verification code provided, please try again.';

async function postedForm(req: IncomingMessage): Promise<URLSearchParams> {
  return isFormEncoded(req) ? readForm(req) : new URLSearchParams();
}

function showForgotPassword(req: IncomingMessage, res: ServerResponse, rawQuery: string, error?: string): void {
  const view = { rawQuery, csrfToken: issueCsrfToken(req, res), ...(error === undefined ? {} : { error }) };
  sendHtml(res, 200, forgotPasswordPage(view));
}

function showConfirm(
  req: IncomingMessage,
  res: ServerResponse,
  rawQuery: string,
  username: string,
  error?: string,
): void {
  const view = {
    rawQuery,
    username,
    csrfToken: issueCsrfToken(req, res),
    ...(error === undefined ? {} : { error }),
  };
  sendHtml(res, 200, confirmForgotPasswordPage(view));
}

export const forgotPasswordRoute: Route = {
  GET: (req, res, { rawQuery }, ctx) => {
    const check = checkAuthorizeRequest(rawQuery, ctx.clients, ctx.pool.unknownClientError);
    if (check.kind !== 'ok') return redirect(res, check.location);
    showForgotPassword(req, res, rawQuery);
  },

  POST: async (req, res, { rawQuery }, ctx) => {
    const check = checkAuthorizeRequest(rawQuery, ctx.clients, ctx.pool.unknownClientError);
    if (check.kind !== 'ok') return redirect(res, check.location);
    const form = await postedForm(req);
    if (!csrfValid(req, form)) return sendHtml(res, 403, forbiddenPage());
    const username = form.get('username') ?? '';
    if (username === '') return showForgotPassword(req, res, rawQuery, 'Username cannot be empty');
    // Unknown users go on too: the screen must not reveal which accounts exist.
    const authorizeQuery = rawQueryWithout(rawQuery, 'username');
    redirect(res, withQuery(`/confirmForgotPassword?${authorizeQuery}`, [['username', username]]));
  },
};

export const confirmForgotPasswordRoute: Route = {
  GET: (req, res, { rawQuery, query }, ctx) => {
    const check = checkAuthorizeRequest(rawQuery, ctx.clients, ctx.pool.unknownClientError);
    if (check.kind !== 'ok') return redirect(res, check.location);
    const username = query.get('username');
    if (!username) return redirect(res, `/forgotPassword?${rawQueryWithout(rawQuery, 'username')}`);
    showConfirm(req, res, rawQuery, username);
  },

  POST: async (req, res, { rawQuery, query }, ctx) => {
    const check = checkAuthorizeRequest(rawQuery, ctx.clients, ctx.pool.unknownClientError);
    if (check.kind !== 'ok') return redirect(res, check.location);
    const form = await postedForm(req);
    if (!csrfValid(req, form)) return sendHtml(res, 403, forbiddenPage());
    const username = query.get('username') ?? '';
    const code = form.get('code') ?? '';
    const password = form.get('password') ?? '';
    if (!/^\d{6}$/.test(code) || password === '') return showConfirm(req, res, rawQuery, username, INVALID_CODE);
    redirect(res, `/login?${rawQueryWithout(rawQuery, 'username')}`);
  },
};

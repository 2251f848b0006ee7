import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkAuthorizeRequest, type AuthorizeRequest } from '../authorize-request.js';
import type { ServerContext } from '../context.js';
import { csrfValid, issueCsrfToken } from '../csrf.js';
import { CHALLENGE_PATHS, type Challenge, type SignInFlow } from '../flows.js';
import { isFormEncoded, readForm, redirect, sendHtml, sendJson } from '../http.js';
import { MANAGED_TEXTS, type Lang } from '../i18n.js';
import { failureMessage, isCloudscape, isManaged, signIn } from '../sign-in.js';
import {
  classicDeliveredCodePage,
  classicMfaSetupPage,
  classicNewPasswordPage,
  classicPasskeyOfferPage,
  classicTotpPage,
} from '../views/classic-challenges.js';
import {
  managedChoicePage,
  managedDeliveredCodePage,
  managedMfaSetupPage,
  managedNewPasswordPage,
  managedPasskeyOfferPage,
  managedTotpPage,
} from '../views/managed-challenges.js';
import { cloudscapeLoginPage } from '../views/cloudscape-login.js';
import { managedLoginPage } from '../views/managed-login.js';
import { loginView, refuseCsrf, screenHeaders, screenLang } from './login.js';
import type { Route } from './route.js';
import {
  afterPassword,
  challengeDetails,
  challengeLocation,
  completeSignIn,
  goTo,
  goToChallenge,
  MASKED_PHONE,
  maskedEmail,
  wantsJson,
} from './sign-in-flow.js';

/*
 * The screens between the username and the callback. One browser has at most one
 * sign-in in progress (the flow cookie); every screen checks it is the current one
 * and sends the browser to the right one otherwise, as a server-driven flow would.
 */

interface Screen {
  req: IncomingMessage;
  res: ServerResponse;
  ctx: ServerContext;
  rawQuery: string;
  flow: SignInFlow;
  challenge: Challenge;
  lang: Lang;
}

function render(s: Screen, error?: string): string {
  const { req, res, ctx, rawQuery, flow, challenge, lang } = s;
  const action = challengeLocation(challenge, rawQuery);
  const csrfToken = issueCsrfToken(req, res);
  const base = { action, csrfToken, ...(error === undefined ? {} : { error }) };
  const managed = { ...base, lang };
  const classic = !isManaged(ctx.loginUi);
  if (isCloudscape(ctx.loginUi)) {
    // Drawn by the browser bundle, as after a fetch; the server sends the skeleton and what the step shows.
    const details = challengeDetails(challenge, flow);
    return cloudscapeLoginPage({ lang, rawQuery, csrfToken, step: challenge, action, faults: ctx.faults, ...details, ...(error === undefined ? {} : { error }) });
  }
  switch (challenge) {
    case 'password':
      return managedLoginPage({ ...loginView(req, res, ctx, rawQuery, lang, error), action, username: flow.username }, 'password');
    case 'choice':
      return managedChoicePage(managed);
    case 'totp':
      return classic ? classicTotpPage(base) : managedTotpPage(managed);
    case 'sms':
      return classic ? classicDeliveredCodePage(base, 'SMS', MASKED_PHONE) : managedDeliveredCodePage(managed, 'sms', MASKED_PHONE);
    case 'email': {
      const to = maskedEmail(flow.username);
      return classic ? classicDeliveredCodePage(base, 'email', to) : managedDeliveredCodePage(managed, 'email', to);
    }
    case 'mfa-setup': {
      const secret = flow.setupSecret ?? '';
      return classic ? classicMfaSetupPage(base, secret) : managedMfaSetupPage(managed, secret);
    }
    case 'new-password':
      return classic ? classicNewPasswordPage(base) : managedNewPasswordPage(managed);
    case 'passkey-offer':
      return classic ? classicPasskeyOfferPage(base) : managedPasskeyOfferPage(managed);
  }
}

function refuse(s: Screen, json: boolean, error: string): void {
  if (json) return sendJson(s.res, 400, { error });
  sendHtml(s.res, 200, render(s, error), screenHeaders(s.ctx));
}

/** The current screen is passed: on to the next, or to the callback. */
function advance(s: Screen, request: AuthorizeRequest, json: boolean): void {
  s.flow.pending.shift();
  const next = s.flow.pending[0];
  if (next !== undefined) return goToChallenge(s.res, json, next, s.flow);
  s.ctx.flows.end(s.req, s.res);
  return completeSignIn(s.res, s.ctx, request, s.flow.username, json);
}

function answerCode(s: Screen, request: AuthorizeRequest, json: boolean, form: URLSearchParams): void {
  const { ctx, flow, challenge, lang } = s;
  const t = MANAGED_TEXTS[lang];
  const code = (form.get('code') ?? form.get('totpCode') ?? '').trim();
  ctx.stats.oneTimeCodesSubmitted += 1;
  if (ctx.totp.noteSubmission(flow.username, code)) ctx.stats.oneTimeCodesRepeated += 1;
  let verdict: 'accepted' | 'reused' | 'mismatch' = 'mismatch';
  if (challenge === 'totp') {
    verdict = ctx.totp.verify(flow.username, ctx.users.traits(flow.username, ctx.pool).totpSecret, code);
  } else if (challenge === 'mfa-setup' && flow.setupSecret !== undefined) {
    verdict = ctx.totp.verify(`setup:${flow.username}`, flow.setupSecret, code);
  }
  // SMS and e-mail codes are never delivered anywhere, so none is right.
  if (verdict === 'accepted') {
    ctx.stats.oneTimeCodesAccepted += 1;
    if (challenge === 'mfa-setup') ctx.stats.deviceEnrolments += 1;
    return advance(s, request, json);
  }
  if (verdict === 'reused') {
    ctx.stats.oneTimeCodesRefusedAsReused += 1;
    return refuse(s, json, t.codeReused);
  }
  ctx.stats.oneTimeCodesRejected += 1;
  return refuse(s, json, t.codeMismatch);
}

function handle(s: Screen, request: AuthorizeRequest, json: boolean, form: URLSearchParams): void {
  const { ctx, flow, lang } = s;
  const t = MANAGED_TEXTS[lang];
  switch (s.challenge) {
    case 'password': {
      const outcome = signIn(ctx, flow.username, form.get('password') ?? '');
      if (outcome === 'signed-in') return afterPassword(s.req, s.res, ctx, request, flow.username, json);
      return refuse(s, json, failureMessage(ctx.loginUi, lang, outcome));
    }
    case 'choice': {
      const method = form.get('action');
      if (method === 'PASSWORD') return advance(s, request, json);
      if (method === 'EMAIL_OTP' || method === 'SMS_OTP') {
        // A code instead of the password: the rest of the flow is that code.
        flow.pending = [method === 'EMAIL_OTP' ? 'email' : 'sms'];
        return goToChallenge(s.res, json, flow.pending[0] ?? 'email', flow);
      }
      if (method === 'WEB_AUTHN') return refuse(s, json, t.passkeyUnavailable);
      return refuse(s, json, t.somethingWrong);
    }
    case 'totp':
    case 'sms':
    case 'email':
    case 'mfa-setup':
      return answerCode(s, request, json, form);
    case 'new-password': {
      const password = form.get('new_password') ?? form.get('newPassword') ?? '';
      const again = form.get('confirm_password') ?? form.get('confirmNewPassword') ?? '';
      if (password === '' || password !== again) return refuse(s, json, t.passwordsDiffer);
      // Counted, never applied: the account's password stays what the tests know.
      ctx.stats.passwordChanges += 1;
      return advance(s, request, json);
    }
    case 'passkey-offer': {
      const action = form.get('action');
      if (action === 'add') ctx.stats.deviceEnrolments += 1;
      else if (action !== 'skip') return refuse(s, json, t.somethingWrong);
      return advance(s, request, json);
    }
  }
}

function challengeRoute(path: string): Route {
  const isCurrent = (flow: SignInFlow): boolean => {
    const current = flow.pending[0];
    return current !== undefined && CHALLENGE_PATHS[current] === path;
  };
  return {
    GET: (req, res, { rawQuery, query }, ctx) => {
      const check = checkAuthorizeRequest(rawQuery, ctx.clients, ctx.pool.unknownClientError);
      if (check.kind !== 'ok') return redirect(res, check.location);
      const flow = ctx.flows.find(req);
      const current = flow?.pending[0];
      if (flow === undefined || current === undefined) return redirect(res, `/login?${rawQuery}`);
      if (!isCurrent(flow)) return redirect(res, challengeLocation(current, rawQuery));
      const lang = screenLang(req, res, ctx, query);
      sendHtml(res, 200, render({ req, res, ctx, rawQuery, flow, challenge: current, lang }), screenHeaders(ctx));
    },
    POST: async (req, res, { rawQuery, query }, ctx) => {
      const json = wantsJson(req);
      const check = checkAuthorizeRequest(rawQuery, ctx.clients, ctx.pool.unknownClientError);
      if (check.kind !== 'ok') return goTo(res, json, check.location);
      const form = isFormEncoded(req) ? await readForm(req) : new URLSearchParams();
      if (!csrfValid(req, form)) return refuseCsrf(res, json, query.get('client_id'));
      const flow = ctx.flows.find(req);
      const current = flow?.pending[0];
      if (flow === undefined || current === undefined) return goTo(res, json, `/login?${rawQuery}`);
      if (!isCurrent(flow)) return goTo(res, json, challengeLocation(current, rawQuery));
      const lang = screenLang(req, res, ctx, query);
      handle({ req, res, ctx, rawQuery, flow, challenge: current, lang }, check.request, json, form);
    },
  };
}

export const CHALLENGE_ROUTES: Readonly<Record<string, Route>> = Object.fromEntries(
  [...new Set(Object.values(CHALLENGE_PATHS))].map((path) => [path, challengeRoute(path)]),
);

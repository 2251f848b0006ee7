/**
 * The harness as a library for Node pipelines: `import { getAuthorizationCode } from 'rayteams-login-harness'`.
 * It wires config, target, browser and the one login journey (lib/journey/flow.ts); get-code is a thin CLI over it.
 */
import type { BrowserContext } from '@playwright/test';
import { dropHeadStart, type HeadStart } from './journey/head-start.js';
import { HARNESS_CONTEXT_OPTIONS } from './journey/browser.js';
import { loadConfig, type HarnessConfig, type LoadConfigOptions } from './config/config.js';
import { HarnessError } from './errors.js';
import { DEFAULT_FLOW_TIMEOUT_MS, authorizeRequestFor, obtainAuthorizationCode, type AuthorizationResult, type ConfigWithBaseUrl, type StepRunner } from './journey/flow.js';
import type { TotpClock } from './journey/totp.js';
import { silentLogger, type Logger } from './platform/log.js';
import type { TokenResponse } from './oauth/token-client.js';
import { withSession } from './journey/session.js';
import { endpointsOf } from './config/target.js';
import { describeEndpoints } from './config/discovery.js';
import { cognitoEndpoints, tokenAuthMethod, type Endpoints } from './oauth/endpoints.js';
import { DEFAULT_EXCHANGE_TIMEOUT_MS, redeemAuthorization, redeemWith } from './oauth/redeem.js';

export type { AuthorizationResult } from './journey/flow.js';
export type { TokenResponse } from './oauth/token-client.js';

export interface GetAuthorizationCodeOptions extends LoadConfigOptions {
  /** a ready configuration; default: read from the environment and `.env` */
  config?: HarnessConfig;
  /** how many distinct codes (default 1); later ones may reuse the first login's session */
  count?: number;
  /** sign in through the form for every code instead of reusing the browser session */
  freshLogin?: boolean;
  /** override OAUTH_USE_PKCE */
  usePkce?: boolean;
  /**
   * Redeem each code at the token endpoint as soon as it is captured, while the target (the
   * embedded server, too) is still up. Needs the client secret; checked before the browser starts.
   */
  exchange?: boolean;
  headless?: boolean;
  /** budget for each code, browser start included (default 30000 ms) */
  timeoutMs?: number;
  /** when the run began (epoch ms), if before this call: the first code's budget counts from then (a CLI passes its process start) */
  runStartedAt?: number;
  /**
   * A browser already starting (lib/journey/head-start.ts, as get-code does before its configuration is
   * read): used when the configuration asks for the same launch, closed otherwise (a mistake found
   * before the launch closes it too).
   */
  headStart?: HeadStart;
  logger?: Logger;
  /** log what the target's endpoints are and how they were found (never a secret) */
  verbose?: boolean;
  /** the authenticator's clock (default: real time); tests share a fake one with their login service */
  totpClock?: TotpClock;
}

export interface CodeBatch {
  codes: AuthorizationResult[];
  /** with `exchange`: the token response for each code, in the same order; otherwise empty */
  tokens: TokenResponse[];
  /** where the codes came from, e.g. for token exchange: the configuration with its resolved URL */
  config: ConfigWithBaseUrl;
}

/** Signs in once (or `count` times) and returns checked, fresh codes. Throws HarnessError. */
export async function getAuthorizationCodes(options: GetAuthorizationCodeOptions = {}): Promise<CodeBatch> {
  const logger = options.logger ?? silentLogger;
  // A mistake found before the launch closes the head start: nothing will take it over.
  const refuse = (error: unknown): never => {
    dropHeadStart(options.headStart);
    throw error;
  };
  const count = options.count ?? 1;
  if (!Number.isInteger(count) || count < 1) refuse(new HarnessError('usage', `count must be a whole number of at least 1, got ${count}`));
  let baseConfig: HarnessConfig;
  try {
    baseConfig = options.config ?? loadConfig(options);
  } catch (error) {
    return refuse(error);
  }
  const config: HarnessConfig = options.usePkce === undefined ? baseConfig : { ...baseConfig, usePkce: options.usePkce };
  const timeoutMs = options.timeoutMs ?? DEFAULT_FLOW_TIMEOUT_MS;
  // The first code's budget includes starting the browser and the target: --timeout bounds the run.
  const firstDeadline = Math.min(Date.now(), options.runStartedAt ?? Infinity) + timeoutMs;
  // Fail before any browser or login: a code obtained and then not redeemable is a wasted login.
  if (options.exchange && !config.client.secret) {
    refuse(new HarnessError('config', 'token exchange needs the client secret: set OAUTH_CLIENT_SECRET (it is not set for this remote target)'));
  }

  // Chromium starts (or has started: the head start) while the embedded server loads: the session overlaps the two.
  const sessionOptions = { config, headStart: options.headStart, headless: options.headless ?? true, launchTimeoutMs: Math.max(1, Math.round(firstDeadline - Date.now())) };
  return withSession(sessionOptions, async ({ config: target, browser }) => {
    logger.info(`Signing in at ${target.target.kind === 'remote' ? target.target.baseUrl : `the embedded local server (${target.target.baseUrl})`} as ${config.user.username}`);
    if (options.verbose) {
      const endpoints = endpointsOf(target);
      for (const line of describeEndpoints(endpoints, { authMethod: tokenAuthMethod(endpoints, target.client.secret), pkce: target.usePkce, scopes: target.scopes })) logger.info(line);
    }
    const step: StepRunner = async (title, body) => {
      logger.info(`  ${title}`);
      return body();
    };
    const codes: AuthorizationResult[] = [];
    const tokens: TokenResponse[] = [];
    let context: BrowserContext | undefined;
    for (let index = 0; index < count; index += 1) {
      if (count > 1) logger.info(`code ${index + 1}/${count}`);
      // A fresh context has no session cookie, so the form is shown again.
      if (!context || options.freshLogin) {
        await context?.close();
        // The head start's browser comes with the first code's context and page already open.
        context = (index === 0 ? browser.contexts()[0] : undefined) ?? (await browser.newContext(HARNESS_CONTEXT_OPTIONS));
      }
      const page = context.pages()[0] ?? (await context.newPage());
      const budget = index === 0 ? Math.max(1, Math.round(firstDeadline - Date.now())) : timeoutMs;
      // The page is used again only by the next code of the same session.
      const pageUsedAgain = index < count - 1 && !options.freshLogin;
      const result = await obtainAuthorizationCode(page, target, { request: authorizeRequestFor(target), timeoutMs: budget, step, waitForLanding: pageUsedAgain, ...(options.totpClock ? { totpClock: options.totpClock } : {}) });
      codes.push(result);
      if (options.exchange) {
        tokens.push(await step('Exchange code', () => redeemWith(target, result, { timeoutMs })));
      }
    }
    return { codes, tokens, config: target };
  });
}

export type SingleCode = AuthorizationResult & {
  /** the login service the code came from; pass the result to exchangeCode() */
  baseUrl: string;
  /** where the code is redeemed and the ID token checked; exchangeCode() reads it */
  endpoints: Endpoints;
  /** with `exchange: true`: the token response */
  tokens?: TokenResponse;
};

/**
 * One fresh code. Against the embedded local server, redeem it with `exchange: true`: that server
 * stops when this returns, so a later exchangeCode() call would find nobody listening.
 */
export async function getAuthorizationCode(options: Omit<GetAuthorizationCodeOptions, 'count'> = {}): Promise<SingleCode> {
  const batch = await getAuthorizationCodes({ ...options, count: 1 });
  const [result] = batch.codes;
  if (!result) throw new HarnessError('bad_code', 'no code was obtained');
  const [tokens] = batch.tokens;
  return { ...result, baseUrl: batch.config.target.baseUrl, endpoints: endpointsOf(batch.config), ...(tokens ? { tokens } : {}) };
}

/**
 * Redeems a code from getAuthorizationCode at its token endpoint and checks the ID token that comes
 * back. Needs the client secret for confidential clients. Without `endpoints` (a result from an
 * older caller) the target is Cognito-shaped: /oauth2/token on `baseUrl`.
 */
export async function exchangeCode(
  result: Pick<AuthorizationResult, 'code' | 'codeVerifier' | 'redirectUri' | 'clientId' | 'nonce'> & { baseUrl: string; endpoints?: Endpoints },
  options: { clientSecret?: string | undefined; timeoutMs?: number } = {},
): Promise<TokenResponse> {
  return redeemAuthorization(result.endpoints ?? cognitoEndpoints(result.baseUrl), result, { clientSecret: options.clientSecret, timeoutMs: options.timeoutMs ?? DEFAULT_EXCHANGE_TIMEOUT_MS });
}

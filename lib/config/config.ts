/**
 * The one place the environment is read. dotenv supplies `.env`, zod checks every variable, and the
 * rest of the harness receives a typed HarnessConfig. Validation collects every problem at once, so a
 * pipeline owner fixes their `.env` in one go, and never prints a value (it might be a secret).
 */
import { z } from 'zod';
import { chromiumPathIn, ConfigError, readEnvironment, type LoadConfigOptions } from './environment.js';
import { isLoopbackHost } from '../platform/net.js';
import { defaultHealthArtifactsDir, defaultHealthStateFile } from './state-dir.js';
import { safeBaseUrl } from '../redaction/safe-url.js';
import { compileCodePattern, type CodePattern } from './code-pattern.js';
import { checkSelector } from './selector.js';
import { parseTotpSecret, totpSecretBase32 } from '../journey/totp.js';
import { RAYTEAMS_REGIONS, rayteamsApiBaseUrl, rayteamsApiBaseUrlFor, rayteamsBaseUrl } from './rayteams.js';
import { LOCAL_DEFAULTS, registeredEmbeddedServer } from './embedded.js';
import { HarnessError } from '../errors.js';
import { VSCHAR_CODE_PATTERN, isCognitoIssuer, type Endpoints } from '../oauth/endpoints.js';
import { discoverySource } from './discovery.js';

export { ConfigError, readEnvironment, type Env, type LoadConfigOptions } from './environment.js';
export { RAYTEAMS_REGIONS, rayteamsApiBaseUrl, rayteamsBaseUrl } from './rayteams.js';
export { LOCAL_DEFAULTS } from './embedded.js';


/** A code's shape (RayTeams codes are UUIDs): the one copy, for CODE_PATTERN's default and every test. */
export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/**
 * Set by playwright.config.ts for its workers: the URL of the embedded server it started as its
 * webServer. Not for users; with it the target is still "embedded", so @local-only tests run.
 */
export const EMBEDDED_URL_VARIABLE = 'RAYTEAMS_EMBEDDED_URL';

/**
 * Where to sign in. `endpoints` is filled in by openTarget (lib/config/target.ts); without it a
 * target is Cognito-shaped: /oauth2/authorize and /oauth2/token on baseUrl.
 */
export type Target =
  | {
      kind: 'embedded';
      /** set when a server is already running (Playwright's webServer) */
      baseUrl: string | undefined;
      /** the embedded server's own settings, read by its module (lib/config/embedded.ts) and passed back to it unread */
      settings?: unknown;
      endpoints?: Endpoints;
    }
  | {
      kind: 'remote';
      /** the login service's origin (for an issuer target: the issuer's, until discovery names the authorization endpoint) */
      baseUrl: string;
      /** OAUTH_ISSUER when it alone names the server: the endpoints come from its discovery document */
      discover?: string;
      endpoints?: Endpoints;
    };

export interface LoginSelectors {
  username: string | undefined;
  password: string | undefined;
  submit: string | undefined;
}

export interface HealthSettings {
  /** total duration above which a successful login counts as degraded */
  degradedMs: number;
  /** per-phase thresholds; undefined means only the total counts */
  phaseDegradedMs: { loginScreen: number | undefined; signIn: number | undefined; tokenExchange: number | undefined };
  retries: number;
  webhookUrl: string | undefined;
  stateFile: string;
  /** where failed attempts' screenshots and traces go unless --artifacts-dir says otherwise */
  artifactsDir: string;
  /**
   * The API probe (GET /v1.0/me with the fresh access token). baseUrl ends in "/v1.0/"; undefined
   * for the embedded server, whose URL is known only once it runs (it serves the API itself).
   */
  api: { enabled: boolean; baseUrl: string | undefined };
}

export interface HarnessConfig {
  target: Target;
  client: { id: string; secret: string | undefined; redirectUri: string };
  /**
   * The `iss` a callback (and an ID token) must carry: OAUTH_ISSUER, or the issuer its discovery
   * document URL implies; default: the target's origin, checked only when a callback carries one.
   */
  issuer: string | undefined;
  /** OAUTH_AUTHORIZE_URL / OAUTH_TOKEN_URL: single endpoints that win over discovery and the Cognito paths */
  endpointOverrides: { authorize: string | undefined; token: string | undefined };
  /** totpSecret: TEST_TOTP_SECRET as given (base32 or otpauth:// URI), checked; lib/journey/totp.ts makes codes from it */
  user: { username: string; password: string; totpSecret?: string | undefined };
  scopes: string[];
  usePkce: boolean;
  /** CODE_PATTERN compiled with RE2 (linear time) */
  codePattern: CodePattern;
  codeTtlSeconds: number;
  selectors: LoginSelectors;
  chromiumPath: string | undefined;
  health: HealthSettings;

  /** the GitHub Actions step-output file ($GITHUB_OUTPUT), when running in a workflow step */
  githubOutputFile: string | undefined;
  /** Secret values of this configuration, for redaction; never print them. */
  secrets: string[];
}

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalText = z.preprocess(blankToUndefined, z.string().trim().optional());

const httpsUrl = (what: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .superRefine((value, ctx) => {
        let url: URL;
        try {
          url = new URL(value);
        } catch {
          ctx.addIssue({ code: 'custom', message: `not a URL (${what})` });
          return;
        }
        // Refused, and the URL is never printed: it would show them in the summary and the JSON target.
        if (url.username !== '' || url.password !== '') {
          ctx.addIssue({ code: 'custom', message: 'must not contain credentials (user:password@); the value is not shown' });
          return;
        }
        if (url.protocol !== 'https:' && url.protocol !== 'http:') {
          ctx.addIssue({ code: 'custom', message: `must be an http(s) URL, got ${url.protocol}` });
        } else if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
          ctx.addIssue({ code: 'custom', message: `http:// is only allowed for localhost; use https:// for ${url.hostname}` });
        }
        if (url.hash) ctx.addIssue({ code: 'custom', message: 'must not contain a #fragment' });
      })
      .optional(),
  );

/**
 * Digits only: Number() also reads `0x10`, `1e3` and ` 12 `, which nobody means in a TTL, and a
 * value such as 9e12 would only fail deep inside a run (timers overflow above 2^31-1 ms).
 */
const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a plain whole number (digits only)')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
/** The longest a timer can wait (setTimeout overflows above it). */
export const MAX_TIMER_MS = 2 ** 31 - 1;
const positiveInt = (fallback: number, max = MAX_TIMER_MS) => z.preprocess(blankToUndefined, wholeNumber(1, max).optional()).transform((v) => v ?? fallback);
const optionalPositiveInt = z.preprocess(blankToUndefined, wholeNumber(1, MAX_TIMER_MS).optional());

/** A chat webhook URL is a secret: problems are named without any part of it. */
const webhookUrl = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      if (!URL.canParse(value)) {
        ctx.addIssue({ code: 'custom', message: 'not a URL (the value is not shown)' });
        return;
      }
      const url = new URL(value);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') ctx.addIssue({ code: 'custom', message: 'must be an http(s) URL' });
      else if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) ctx.addIssue({ code: 'custom', message: 'http:// is only allowed for localhost; use https://' });
    })
    .optional(),
);

/** The problem with a LOGIN_*_SELECTOR value, or undefined when it is plain CSS (lib/config/selector.ts). */
export function selectorProblem(selector: string): string | undefined {
  const check = checkSelector(selector);
  return check.ok ? undefined : check.problem;
}
const selector = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const problem = selectorProblem(value);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
    })
    // `css=…` means the CSS after it: the recogniser runs plain CSS.
    .transform((value) => {
      const check = checkSelector(value);
      return check.ok ? check.css : value;
    })
    .optional(),
);

/** C0 and C1 controls, DEL and the Unicode line separators: each can start a new line in a log. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

const booleanFlag = (fallback: boolean) =>
  z.preprocess(
    (value) => {
      const v = blankToUndefined(value);
      if (typeof v !== 'string') return v;
      if (/^(true|1|yes|on)$/i.test(v)) return true;
      if (/^(false|0|no|off)$/i.test(v)) return false;
      return v;
    },
    z.boolean({ message: 'must be true or false' }).default(fallback),
  );

const envSchema = z.object({
  OAUTH_BASE_URL: httpsUrl('e.g. https://oauth-ap-northeast-2-development.rayteams.com'),
  RAYTEAMS_REGION: z.preprocess(blankToUndefined, z.enum(RAYTEAMS_REGIONS, { message: `unknown region; expected one of ${RAYTEAMS_REGIONS.join(', ')}` }).optional()),
  RAYTEAMS_STAGE: z.preprocess(blankToUndefined, z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be a lower-case stage name such as development').optional()),
  [EMBEDDED_URL_VARIABLE]: httpsUrl('set by playwright.config.ts'),
  OAUTH_CLIENT_ID: optionalText,
  OAUTH_CLIENT_SECRET: optionalText,
  OAUTH_ISSUER: httpsUrl('the issuer, e.g. https://cognito-idp.ap-northeast-2.amazonaws.com/ap-northeast-2_AbC123, or its discovery document URL'),
  OAUTH_AUTHORIZE_URL: httpsUrl('the authorization endpoint, e.g. https://login.example.com/oauth2/authorize'),
  OAUTH_TOKEN_URL: httpsUrl('the token endpoint, e.g. https://login.example.com/oauth2/token'),
  OAUTH_REDIRECT_URI: httpsUrl('the registered callback, e.g. https://app.example.com/callback'),
  TEST_USERNAME: optionalText,
  TEST_PASSWORD: z.preprocess(blankToUndefined, z.string().optional()),
  TEST_TOTP_SECRET: optionalText.superRefine((value, ctx) => {
    if (value === undefined) return;
    try {
      parseTotpSecret(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : 'not a TOTP secret' });
    }
  }),
  OAUTH_SCOPE: optionalText,
  OAUTH_USE_PKCE: booleanFlag(true),
  CODE_PATTERN: z.preprocess(
    blankToUndefined,
    z
      .string()
      .superRefine((source, ctx) => {
        try {
          compileCodePattern(source);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : 'not a valid pattern' });
        }
      })
      .optional(),
  ),
  // A code lives minutes (Cognito: 5); a day is far past any real server's.
  CODE_TTL_SECONDS: positiveInt(300, 86_400),
  LOGIN_USERNAME_SELECTOR: selector,
  LOGIN_PASSWORD_SELECTOR: selector,
  LOGIN_SUBMIT_SELECTOR: selector,
  // Checked here with the rest; its value is read by chromiumPathIn, as get-code's head start reads it.
  CHROMIUM_PATH: optionalText,
  HEALTH_DEGRADED_MS: positiveInt(10_000),
  HEALTH_LOGIN_SCREEN_DEGRADED_MS: optionalPositiveInt,
  HEALTH_SIGN_IN_DEGRADED_MS: optionalPositiveInt,
  HEALTH_TOKEN_DEGRADED_MS: optionalPositiveInt,
  HEALTH_RETRIES: z.preprocess(blankToUndefined, wholeNumber(0, 5).optional()).transform((v) => v ?? 1),
  HEALTH_WEBHOOK_URL: webhookUrl,
  HEALTH_STATE_FILE: z.preprocess(blankToUndefined, z.string().optional()),
  HEALTH_API_CHECK: booleanFlag(false),
  RAYTEAMS_API_URL: httpsUrl('the user API base, e.g. https://api-ap-northeast-2-user.rayteams.com/v1.0/'),
  // Not harness configuration but the GitHub Actions runner's step-output file, for --format github.
  GITHUB_OUTPUT: optionalText,
});

export function loadConfig(options: LoadConfigOptions = {}): HarnessConfig {
  const env = readEnvironment(options);
  const problems: { variable: string; problem: string }[] = [];
  // A newline in TEST_USERNAME would write its own lines to stderr (`::error::` workflow commands
  // included); a NUL cuts C strings short. Named, never shown.
  for (const variable of Object.keys(envSchema.shape)) {
    const value = env[variable];
    if (value !== undefined && CONTROL_CHARACTER.test(value)) problems.push({ variable, problem: 'contains a control character (newline, NUL, …); the value is not shown' });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  // The embedded server's own variables, read and checked by its module (when an entry registered
  // one), in the same pass: every problem is reported at once.
  const embedded = registeredEmbeddedServer()?.readSettings(env);
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({ variable: String(issue.path[0] ?? 'environment'), problem: issue.message });
    }
    throw new ConfigError([...problems, ...(embedded?.problems ?? [])]);
  }
  const v = parsed.data;
  problems.push(...(embedded?.problems ?? []));

  const target = resolveTarget(v, problems, embedded?.settings);
  const remote = target.kind === 'remote';
  // Against a real stage nothing may silently fall back to the local test client or user.
  const required = (variable: 'OAUTH_CLIENT_ID' | 'OAUTH_REDIRECT_URI' | 'TEST_USERNAME' | 'TEST_PASSWORD') => {
    if (remote && v[variable] === undefined) problems.push({ variable, problem: 'missing (required when OAUTH_BASE_URL, RAYTEAMS_REGION, OAUTH_ISSUER or OAUTH_AUTHORIZE_URL points at a real server)' });
  };
  required('OAUTH_CLIENT_ID');
  required('OAUTH_REDIRECT_URI');
  required('TEST_USERNAME');
  required('TEST_PASSWORD');
  const apiBaseUrl = resolveApiBaseUrl(v, target, problems);
  if (v.HEALTH_API_CHECK && remote && v.OAUTH_CLIENT_SECRET === undefined) {
    problems.push({ variable: 'HEALTH_API_CHECK', problem: 'the API probe needs an access token: set OAUTH_CLIENT_SECRET too' });
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const client = {
    id: v.OAUTH_CLIENT_ID ?? LOCAL_DEFAULTS.clientId,
    secret: v.OAUTH_CLIENT_SECRET ?? (remote ? undefined : LOCAL_DEFAULTS.clientSecret),
    redirectUri: v.OAUTH_REDIRECT_URI ?? LOCAL_DEFAULTS.redirectUri,
  };
  const user = {
    username: v.TEST_USERNAME ?? LOCAL_DEFAULTS.username,
    password: v.TEST_PASSWORD ?? LOCAL_DEFAULTS.password,
    ...(v.TEST_TOTP_SECRET !== undefined ? { totpSecret: v.TEST_TOTP_SECRET } : {}),
  };
  // An otpauth:// URI carries the secret inside: both spellings are secrets.
  const totpSecrets = v.TEST_TOTP_SECRET === undefined ? [] : [...new Set([v.TEST_TOTP_SECRET, totpSecretBase32(parseTotpSecret(v.TEST_TOTP_SECRET))])];
  return {
    target,
    client,
    issuer: target.kind === 'remote' && target.discover !== undefined ? issuerOf(target.discover) : v.OAUTH_ISSUER,
    endpointOverrides: { authorize: v.OAUTH_AUTHORIZE_URL, token: v.OAUTH_TOKEN_URL },
    user,
    scopes: v.OAUTH_SCOPE ? v.OAUTH_SCOPE.split(/\s+/).filter(Boolean) : [],
    usePkce: v.OAUTH_USE_PKCE,
    codePattern: compileCodePattern(v.CODE_PATTERN ?? defaultCodePattern(v, target)),
    codeTtlSeconds: v.CODE_TTL_SECONDS,
    selectors: { username: v.LOGIN_USERNAME_SELECTOR, password: v.LOGIN_PASSWORD_SELECTOR, submit: v.LOGIN_SUBMIT_SELECTOR },
    chromiumPath: chromiumPathIn(env),
    health: {
      degradedMs: v.HEALTH_DEGRADED_MS,
      phaseDegradedMs: {
        loginScreen: v.HEALTH_LOGIN_SCREEN_DEGRADED_MS,
        signIn: v.HEALTH_SIGN_IN_DEGRADED_MS,
        tokenExchange: v.HEALTH_TOKEN_DEGRADED_MS,
      },
      retries: v.HEALTH_RETRIES,
      webhookUrl: v.HEALTH_WEBHOOK_URL,
      stateFile: v.HEALTH_STATE_FILE ?? defaultHealthStateFile(env),
      artifactsDir: defaultHealthArtifactsDir(env),
      api: { enabled: v.HEALTH_API_CHECK, baseUrl: apiBaseUrl },
    },
    githubOutputFile: v.GITHUB_OUTPUT,
    // A chat webhook URL is a credential too: whoever has it can post to the channel.
    secrets: [user.password, client.secret, ...totpSecrets, v.HEALTH_WEBHOOK_URL].filter((s): s is string => typeof s === 'string' && s.length > 0),
  };
}

function resolveTarget(v: z.infer<typeof envSchema>, problems: { variable: string; problem: string }[], embeddedSettings: unknown): Target {
  const byRegion = v.RAYTEAMS_REGION !== undefined || v.RAYTEAMS_STAGE !== undefined;
  if (v.OAUTH_BASE_URL !== undefined && byRegion) {
    problems.push({ variable: 'OAUTH_BASE_URL', problem: 'set either OAUTH_BASE_URL or RAYTEAMS_REGION/RAYTEAMS_STAGE, not both' });
  }
  if (v.OAUTH_BASE_URL !== undefined) return { kind: 'remote', baseUrl: stripTrailingSlash(v.OAUTH_BASE_URL) };
  if (byRegion) {
    if (v.RAYTEAMS_REGION === undefined) problems.push({ variable: 'RAYTEAMS_REGION', problem: 'missing (RAYTEAMS_STAGE is set)' });
    if (v.RAYTEAMS_STAGE === undefined) problems.push({ variable: 'RAYTEAMS_STAGE', problem: 'missing (RAYTEAMS_REGION is set)' });
    return { kind: 'remote', baseUrl: rayteamsBaseUrl(v.RAYTEAMS_REGION ?? RAYTEAMS_REGIONS[0], v.RAYTEAMS_STAGE ?? 'development') };
  }
  // Without a base URL the issuer names the server: never fall back to the embedded one.
  if (v.OAUTH_ISSUER !== undefined) {
    try {
      issuerOf(v.OAUTH_ISSUER);
    } catch (error) {
      problems.push({ variable: 'OAUTH_ISSUER', problem: error instanceof HarnessError ? error.message.replace(/^OAUTH_ISSUER /, '') : String(error) });
    }
    return { kind: 'remote', baseUrl: new URL(v.OAUTH_ISSUER).origin, discover: v.OAUTH_ISSUER };
  }
  if (v.OAUTH_AUTHORIZE_URL !== undefined) {
    if (v.OAUTH_TOKEN_URL === undefined) problems.push({ variable: 'OAUTH_TOKEN_URL', problem: 'missing (OAUTH_AUTHORIZE_URL is set without OAUTH_ISSUER or OAUTH_BASE_URL)' });
    return { kind: 'remote', baseUrl: new URL(v.OAUTH_AUTHORIZE_URL).origin };
  }
  if (v.OAUTH_TOKEN_URL !== undefined) {
    problems.push({ variable: 'OAUTH_TOKEN_URL', problem: 'set without a login service: set OAUTH_ISSUER, OAUTH_BASE_URL or OAUTH_AUTHORIZE_URL too' });
  }
  const embeddedUrl = v[EMBEDDED_URL_VARIABLE];
  return { kind: 'embedded', baseUrl: embeddedUrl === undefined ? undefined : stripTrailingSlash(embeddedUrl), ...(embeddedSettings !== undefined ? { settings: embeddedSettings } : {}) };
}

function resolveApiBaseUrl(v: z.infer<typeof envSchema>, target: Target, problems: { variable: string; problem: string }[]): string | undefined {
  if (v.RAYTEAMS_API_URL !== undefined) return v.RAYTEAMS_API_URL.endsWith('/') ? v.RAYTEAMS_API_URL : `${v.RAYTEAMS_API_URL}/`;
  if (v.RAYTEAMS_REGION !== undefined && v.RAYTEAMS_STAGE !== undefined) return rayteamsApiBaseUrl(v.RAYTEAMS_REGION, v.RAYTEAMS_STAGE);
  if (target.kind === 'remote') {
    const derived = rayteamsApiBaseUrlFor(target.baseUrl);
    if (derived !== undefined) return derived;
    if (v.HEALTH_API_CHECK) problems.push({ variable: 'RAYTEAMS_API_URL', problem: 'missing (HEALTH_API_CHECK is on and the API host cannot be derived from OAUTH_BASE_URL)' });
  }
  return undefined;
}

/** The issuer an OAUTH_ISSUER value names (itself, or the one its discovery document URL implies). */
function issuerOf(setting: string): string {
  return discoverySource(setting).issuer;
}

/**
 * RayTeams and every Cognito pool issue UUIDs; another server's code is anything RFC 6749 allows,
 * so the check cannot refuse a real code it has never seen.
 */
function defaultCodePattern(v: z.infer<typeof envSchema>, target: Target): string {
  if (target.kind === 'remote' && target.discover !== undefined) return isCognitoIssuer(issuerOf(target.discover)) ? UUID_PATTERN : VSCHAR_CODE_PATTERN;
  // Endpoints set one by one say nothing about the server; a base URL or a region is Cognito's hosted UI.
  const explicitOnly = target.kind === 'remote' && v.OAUTH_BASE_URL === undefined && v.RAYTEAMS_REGION === undefined && v.OAUTH_AUTHORIZE_URL !== undefined;
  return explicitOnly ? VSCHAR_CODE_PATTERN : UUID_PATTERN;
}

function stripTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** A description of the target that is safe to print and to put into reports. */
export function describeTarget(config: HarnessConfig): string {
  return config.target.kind === 'remote' ? safeBaseUrl(config.target.discover ?? config.target.baseUrl) : 'embedded local server';
}

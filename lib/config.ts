/**
 * The one place the environment is read. dotenv supplies `.env`, zod checks every variable, and the
 * rest of the harness receives a typed HarnessConfig. Validation collects every problem at once, so a
 * pipeline owner fixes their `.env` in one go, and never prints a value (it might be a secret).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';
import { HarnessError } from './errors.js';
import { isLoopbackHost } from './net.js';
import { parseTotpSecret, totpSecretBase32 } from './totp.js';
// faults.js, not index.js: the index pulls in the whole server (jose and all), which a run against a
// remote stage never starts; config is on every command's start-up path.
import { parseFaults } from '../mock-server/faults.js';
import { LANGS, type Lang } from '../mock-server/i18n.js';
import { LOGIN_UIS, USER_MFAS, USER_STATUSES, type LoginUi, type UserMfa, type UserStatus } from '../mock-server/types.js';

/** Regions RayTeams documents for its login service; extend when RayTeams opens one. */
export const RAYTEAMS_REGIONS = ['ap-northeast-2', 'us-east-1', 'eu-central-1'] as const;

/** What the embedded server and an unconfigured harness use: DESIGN.md "Local server defaults". */
export const LOCAL_DEFAULTS = {
  clientId: 'local-test-client',
  clientSecret: 'local-test-secret',
  redirectUri: 'http://localhost/callback',
  username: 'tester@example.com',
  password: 'Local-Pa55word!',
} as const;

export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/**
 * Set by playwright.config.ts for its workers: the URL of the embedded server it started as its
 * webServer. Not for users; with it the target is still "embedded", so @local-only tests run.
 */
export const EMBEDDED_URL_VARIABLE = 'RAYTEAMS_EMBEDDED_URL';

export type Target =
  | { kind: 'embedded'; /** set when a server is already running (Playwright's webServer) */ baseUrl: string | undefined }
  | { kind: 'remote'; baseUrl: string };

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
}

export interface HarnessConfig {
  target: Target;
  client: { id: string; secret: string | undefined; redirectUri: string };
  /** totpSecret: TEST_TOTP_SECRET as given (base32 or otpauth:// URI), checked; lib/totp.ts makes codes from it */
  user: { username: string; password: string; totpSecret?: string | undefined };
  scopes: string[];
  usePkce: boolean;
  codePattern: RegExp;
  codeTtlSeconds: number;
  selectors: LoginSelectors;
  chromiumPath: string | undefined;
  health: HealthSettings;
  mock: {
    loginUi: LoginUi;
    faults: string;
    loginLang: Lang;
    userMfa: UserMfa | undefined;
    userStatus: UserStatus;
    signInChoice: boolean;
    passkeyOffer: boolean;
    unknownClientError: string;
  };
  /** the GitHub Actions step-output file ($GITHUB_OUTPUT), when running in a workflow step */
  githubOutputFile: string | undefined;
  /** Secret values of this configuration, for redaction; never print them. */
  secrets: string[];
}

export class ConfigError extends HarnessError {
  readonly problems: ReadonlyArray<{ variable: string; problem: string }>;

  constructor(problems: ReadonlyArray<{ variable: string; problem: string }>) {
    super('config', `Invalid configuration: ${problems.map((p) => `${p.variable}: ${p.problem}`).join('; ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
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
        if (url.protocol !== 'https:' && url.protocol !== 'http:') {
          ctx.addIssue({ code: 'custom', message: `must be an http(s) URL, got ${url.protocol}` });
        } else if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
          ctx.addIssue({ code: 'custom', message: `http:// is only allowed for localhost; use https:// for ${url.hostname}` });
        }
        if (url.hash) ctx.addIssue({ code: 'custom', message: 'must not contain a #fragment' });
      })
      .optional(),
  );

const positiveInt = (fallback: number) =>
  z.preprocess(blankToUndefined, z.coerce.number({ message: 'not a number' }).int('not a whole number').positive('must be above 0').default(fallback));
const optionalPositiveInt = z.preprocess(blankToUndefined, z.coerce.number({ message: 'not a number' }).int('not a whole number').positive('must be above 0').optional());

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
      .refine((source) => {
        try {
          new RegExp(source);
          return true;
        } catch {
          return false;
        }
      }, 'not a valid regular expression')
      .default(UUID_PATTERN),
  ),
  CODE_TTL_SECONDS: positiveInt(300),
  LOGIN_USERNAME_SELECTOR: optionalText,
  LOGIN_PASSWORD_SELECTOR: optionalText,
  LOGIN_SUBMIT_SELECTOR: optionalText,
  CHROMIUM_PATH: optionalText,
  HEALTH_DEGRADED_MS: positiveInt(10_000),
  HEALTH_LOGIN_SCREEN_DEGRADED_MS: optionalPositiveInt,
  HEALTH_SIGN_IN_DEGRADED_MS: optionalPositiveInt,
  HEALTH_TOKEN_DEGRADED_MS: optionalPositiveInt,
  HEALTH_RETRIES: z.preprocess(blankToUndefined, z.coerce.number({ message: 'not a number' }).int('not a whole number').min(0, 'must be 0 or more').max(5, 'at most 5').default(1)),
  HEALTH_WEBHOOK_URL: z.preprocess(blankToUndefined, z.string().url('not a URL').optional()),
  HEALTH_STATE_FILE: z.preprocess(blankToUndefined, z.string().default('.health-state.json')),
  // Not harness configuration but the GitHub Actions runner's step-output file, for --format github.
  GITHUB_OUTPUT: optionalText,
  MOCK_LOGIN_UI: z.preprocess(blankToUndefined, z.enum(LOGIN_UIS, { message: `expected one of ${LOGIN_UIS.join(', ')}` }).default('classic')),
  MOCK_LOGIN_LANG: z.preprocess(blankToUndefined, z.enum(LANGS, { message: `expected one of ${LANGS.join(', ')}` }).default('en')),
  MOCK_USER_MFA: z.preprocess(blankToUndefined, z.enum(USER_MFAS, { message: `expected one of ${USER_MFAS.join(', ')}` }).optional()),
  MOCK_USER_STATUS: z.preprocess(blankToUndefined, z.enum(USER_STATUSES, { message: `expected one of ${USER_STATUSES.join(', ')}` }).default('CONFIRMED')),
  MOCK_SIGN_IN_CHOICE: booleanFlag(false),
  MOCK_PASSKEY_OFFER: booleanFlag(false),
  MOCK_UNKNOWN_CLIENT_ERROR: z.preprocess(blankToUndefined, z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected an OAuth error code such as redirect_mismatch, or random').default('redirect_mismatch')),
  MOCK_FAULTS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .default('')
      .superRefine((spec, ctx) => {
        try {
          parseFaults(spec);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
        }
      }),
  ),
});

type Env = Record<string, string | undefined>;

export interface LoadConfigOptions {
  /** defaults to process.env */
  env?: Env;
  /** a dotenv file; defaults to `.env` in the working directory when it exists */
  envFile?: string;
}

/** Reads `.env` (if any) under the real environment: a variable set in the shell wins over the file. */
export function readEnvironment(options: LoadConfigOptions = {}): Env {
  const env = options.env ?? process.env;
  const explicit = options.envFile !== undefined;
  const file = resolve(options.envFile ?? '.env');
  if (!existsSync(file)) {
    if (explicit) throw new ConfigError([{ variable: '--env-file', problem: `no such file: ${options.envFile}` }]);
    return { ...env };
  }
  return { ...parseDotenv(readFileSync(file)), ...env };
}

export function loadConfig(options: LoadConfigOptions = {}): HarnessConfig {
  const env = readEnvironment(options);
  const parsed = envSchema.safeParse(env);
  const problems: { variable: string; problem: string }[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({ variable: String(issue.path[0] ?? 'environment'), problem: issue.message });
    }
    throw new ConfigError(problems);
  }
  const v = parsed.data;

  const target = resolveTarget(v, problems);
  const remote = target.kind === 'remote';
  // Against a real stage nothing may silently fall back to the local test client or user.
  const required = (variable: 'OAUTH_CLIENT_ID' | 'OAUTH_REDIRECT_URI' | 'TEST_USERNAME' | 'TEST_PASSWORD') => {
    if (remote && v[variable] === undefined) problems.push({ variable, problem: 'missing (required when OAUTH_BASE_URL or RAYTEAMS_REGION points at a real stage)' });
  };
  required('OAUTH_CLIENT_ID');
  required('OAUTH_REDIRECT_URI');
  required('TEST_USERNAME');
  required('TEST_PASSWORD');
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
    user,
    scopes: v.OAUTH_SCOPE ? v.OAUTH_SCOPE.split(/\s+/).filter(Boolean) : [],
    usePkce: v.OAUTH_USE_PKCE,
    codePattern: new RegExp(v.CODE_PATTERN),
    codeTtlSeconds: v.CODE_TTL_SECONDS,
    selectors: { username: v.LOGIN_USERNAME_SELECTOR, password: v.LOGIN_PASSWORD_SELECTOR, submit: v.LOGIN_SUBMIT_SELECTOR },
    chromiumPath: v.CHROMIUM_PATH,
    health: {
      degradedMs: v.HEALTH_DEGRADED_MS,
      phaseDegradedMs: {
        loginScreen: v.HEALTH_LOGIN_SCREEN_DEGRADED_MS,
        signIn: v.HEALTH_SIGN_IN_DEGRADED_MS,
        tokenExchange: v.HEALTH_TOKEN_DEGRADED_MS,
      },
      retries: v.HEALTH_RETRIES,
      webhookUrl: v.HEALTH_WEBHOOK_URL,
      stateFile: v.HEALTH_STATE_FILE,
    },
    mock: {
      loginUi: v.MOCK_LOGIN_UI,
      faults: v.MOCK_FAULTS,
      loginLang: v.MOCK_LOGIN_LANG,
      userMfa: v.MOCK_USER_MFA,
      userStatus: v.MOCK_USER_STATUS,
      signInChoice: v.MOCK_SIGN_IN_CHOICE,
      passkeyOffer: v.MOCK_PASSKEY_OFFER,
      unknownClientError: v.MOCK_UNKNOWN_CLIENT_ERROR,
    },
    githubOutputFile: v.GITHUB_OUTPUT,
    // A chat webhook URL is a credential too: whoever has it can post to the channel.
    secrets: [user.password, client.secret, ...totpSecrets, v.HEALTH_WEBHOOK_URL].filter((s): s is string => typeof s === 'string' && s.length > 0),
  };
}

function resolveTarget(v: z.infer<typeof envSchema>, problems: { variable: string; problem: string }[]): Target {
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
  const embeddedUrl = v[EMBEDDED_URL_VARIABLE];
  return { kind: 'embedded', baseUrl: embeddedUrl === undefined ? undefined : stripTrailingSlash(embeddedUrl) };
}

export function rayteamsBaseUrl(region: string, stage: string): string {
  return `https://oauth-${region}-${stage}.rayteams.com`;
}

function stripTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** A description of the target that is safe to print and to put into reports. */
export function describeTarget(config: HarnessConfig): string {
  return config.target.kind === 'remote' ? config.target.baseUrl : 'embedded local server';
}

/**
 * The embedded server's own settings, MOCK_* in the environment: which screen it draws, in which
 * language, what it asks after the password, which faults it injects. Read and checked here, with
 * the server's own schema, and handed to the harness as an opaque value it passes back unread when
 * it starts the server: the harness's configuration knows nothing of the test double.
 */
import { z } from 'zod';
import { parseFaults } from './faults.js';
import { LANGS } from './i18n.js';
import { LOGIN_UIS, USER_MFAS, USER_STATUSES, type LoginUi, type MockServerOptions, type UserMfa, type UserStatus } from './types.js';

export type MockSettings = Pick<MockServerOptions, 'loginUi' | 'loginLang' | 'faults' | 'userMfa' | 'userStatus' | 'signInChoice' | 'passkeyOffer' | 'unknownClientError'>;

/** The variables, by the setting each one fills. */
const VARIABLES = {
  loginUi: 'MOCK_LOGIN_UI',
  loginLang: 'MOCK_LOGIN_LANG',
  faults: 'MOCK_FAULTS',
  userMfa: 'MOCK_USER_MFA',
  userStatus: 'MOCK_USER_STATUS',
  signInChoice: 'MOCK_SIGN_IN_CHOICE',
  passkeyOffer: 'MOCK_PASSKEY_OFFER',
  unknownClientError: 'MOCK_UNKNOWN_CLIENT_ERROR',
} as const satisfies Record<keyof MockSettings, string>;

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const oneOf = <T extends string>(values: readonly T[]) => z.preprocess(blankToUndefined, z.enum(values as [T, ...T[]], { message: `expected one of ${values.join(', ')}` }).optional());

const booleanFlag = z.preprocess(
  (value) => {
    const v = blankToUndefined(value);
    if (typeof v !== 'string') return v;
    if (/^(true|1|yes|on)$/i.test(v)) return true;
    if (/^(false|0|no|off)$/i.test(v)) return false;
    return v;
  },
  z.boolean({ message: 'must be true or false' }).default(false),
);

const schema = z.object({
  MOCK_LOGIN_UI: oneOf<LoginUi>(LOGIN_UIS).transform((v) => v ?? 'classic'),
  MOCK_LOGIN_LANG: oneOf(LANGS).transform((v) => v ?? 'en'),
  MOCK_USER_MFA: oneOf<UserMfa>(USER_MFAS),
  MOCK_USER_STATUS: oneOf<UserStatus>(USER_STATUSES).transform((v) => v ?? 'CONFIRMED'),
  MOCK_SIGN_IN_CHOICE: booleanFlag,
  MOCK_PASSKEY_OFFER: booleanFlag,
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

/** C0 and C1 controls and the Unicode line separators: a value with one would write lines of its own into logs. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Reads MOCK_* from `env` (the harness passes the environment with `.env` under it). Never throws; problems name the variable, not the value. */
export function readMockSettings(env: Readonly<Record<string, string | undefined>>): { settings: MockSettings; problems: Array<{ variable: string; problem: string }> } {
  const problems: Array<{ variable: string; problem: string }> = [];
  const raw: Record<string, string | undefined> = {};
  for (const variable of Object.values(VARIABLES)) {
    const value = env[variable];
    if (value !== undefined && CONTROL_CHARACTER.test(value)) problems.push({ variable, problem: 'contains a control character (newline, NUL, …); the value is not shown' });
    else raw[variable] = value;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push({ variable: String(issue.path[0] ?? 'MOCK_*'), problem: issue.message });
    return { settings: {}, problems };
  }
  const v = parsed.data;
  const settings: MockSettings = {
    loginUi: v.MOCK_LOGIN_UI,
    loginLang: v.MOCK_LOGIN_LANG,
    faults: v.MOCK_FAULTS,
    ...(v.MOCK_USER_MFA !== undefined ? { userMfa: v.MOCK_USER_MFA } : {}),
    userStatus: v.MOCK_USER_STATUS,
    signInChoice: v.MOCK_SIGN_IN_CHOICE,
    passkeyOffer: v.MOCK_PASSKEY_OFFER,
    unknownClientError: v.MOCK_UNKNOWN_CLIENT_ERROR,
  };
  return { settings, problems };
}

/**
 * The settings the harness carried back, checked to be settings: an object with known keys only
 * (the values are checked again by startMockServer). undefined: the defaults.
 */
export function mockSettingsFrom(settings: unknown): MockSettings {
  if (settings === undefined) return {};
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) throw new Error('the embedded server settings must be an object (from readMockSettings)');
  const unknown = Object.keys(settings).filter((key) => !Object.hasOwn(VARIABLES, key));
  if (unknown.length > 0) throw new Error(`unknown embedded server settings: ${unknown.join(', ')}`);
  return settings as MockSettings;
}

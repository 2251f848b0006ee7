import type { MockFaults } from './types.js';

export const FAULT_NAMES: readonly string[] = Object.freeze([
  'login-500',
  'slow-login',
  'malformed-code',
  'missing-code',
  'state-mismatch',
  'access-denied',
  'selector-drift',
  'token-500',
  'late-hydration',
  'blank-first-render',
  'me-401',
  'me-500',
  'wrong-iss',
  'password-kept',
  'error-as-field',
  'forgot-on-step2',
  'require-nonce',
  'nonce-mismatch',
  'bad-id-token-signature',
  'discovery-issuer-mismatch',
  'discovery-404',
]);

type DurationFault = 'slowLoginMs' | 'lateHydrationMs';
type FlagFault = Exclude<keyof MockFaults, DurationFault>;

const FLAG_FAULTS: Readonly<Record<string, FlagFault>> = {
  'login-500': 'login500',
  'malformed-code': 'malformedCode',
  'missing-code': 'missingCode',
  'state-mismatch': 'stateMismatch',
  'access-denied': 'accessDenied',
  'selector-drift': 'selectorDrift',
  'token-500': 'token500',
  'blank-first-render': 'blankFirstRender',
  'me-401': 'me401',
  'me-500': 'me500',
  'wrong-iss': 'wrongIssuer',
  'password-kept': 'passwordKept',
  'error-as-field': 'errorAsField',
  'forgot-on-step2': 'forgotOnStep2',
  'require-nonce': 'requireNonce',
  'nonce-mismatch': 'nonceMismatch',
  'bad-id-token-signature': 'badIdTokenSignature',
  'discovery-issuer-mismatch': 'discoveryIssuerMismatch',
  'discovery-404': 'discovery404',
};

/** Faults that take `=<ms>`, with the usage shown when the value is missing or malformed. */
const DURATION_FAULTS: Readonly<Record<string, { key: DurationFault; usage: string }>> = {
  'slow-login': { key: 'slowLoginMs', usage: 'slow-login needs a duration in ms, e.g. slow-login=2000' },
  'late-hydration': { key: 'lateHydrationMs', usage: 'late-hydration needs a duration in ms, e.g. late-hydration=1500' },
};

function expectedList(): string {
  return FAULT_NAMES.map((name) => (name in DURATION_FAULTS ? `${name}=<ms>` : name)).join(', ');
}

/**
 * Reads the MOCK_FAULTS syntax: comma-separated names, the duration faults with
 * `=<ms>`. Throws on anything it does not know, because a typo silently disabling
 * a fault would make a fault test pass for the wrong reason.
 */
export function parseFaults(spec: string | undefined): MockFaults {
  const faults: MockFaults = {};
  if (spec === undefined) return faults;
  for (const rawEntry of spec.split(',')) {
    const entry = rawEntry.trim();
    if (entry === '') continue;
    const eq = entry.indexOf('=');
    const name = (eq === -1 ? entry : entry.slice(0, eq)).trim();
    const value = eq === -1 ? undefined : entry.slice(eq + 1).trim();

    const duration = DURATION_FAULTS[name];
    if (duration !== undefined) {
      if (value === undefined || !/^\d+$/.test(value)) throw new Error(duration.usage);
      faults[duration.key] = Number(value);
      continue;
    }
    const flag = FLAG_FAULTS[name];
    if (flag === undefined) {
      throw new Error(`Unknown MOCK_FAULTS entry "${entry}": expected one of ${expectedList()}`);
    }
    if (value !== undefined) {
      throw new Error(`MOCK_FAULTS entry "${entry}": ${name} takes no value`);
    }
    faults[flag] = true;
  }
  return faults;
}

export function resolveFaults(faults: MockFaults | string | undefined): MockFaults {
  if (faults === undefined || typeof faults === 'string') return parseFaults(faults);
  for (const { key, usage } of Object.values(DURATION_FAULTS)) {
    const ms = faults[key];
    if (ms !== undefined && !(Number.isFinite(ms) && ms >= 0)) throw new Error(usage);
  }
  return { ...faults };
}

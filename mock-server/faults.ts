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
  'wrong-iss',
]);

type FlagFault = Exclude<keyof MockFaults, 'slowLoginMs'>;

const FLAG_FAULTS: Readonly<Record<string, FlagFault>> = {
  'login-500': 'login500',
  'malformed-code': 'malformedCode',
  'missing-code': 'missingCode',
  'state-mismatch': 'stateMismatch',
  'access-denied': 'accessDenied',
  'selector-drift': 'selectorDrift',
  'token-500': 'token500',
  'wrong-iss': 'wrongIssuer',
};

const SLOW_LOGIN_USAGE = 'slow-login needs a duration in ms, e.g. slow-login=2000';

function expectedList(): string {
  return FAULT_NAMES.map((name) => (name === 'slow-login' ? 'slow-login=<ms>' : name)).join(', ');
}

/**
 * Reads the MOCK_FAULTS syntax: comma-separated names, `slow-login` with `=<ms>`.
 * Throws on anything it does not know, because a typo silently disabling a fault
 * would make a fault test pass for the wrong reason.
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

    if (name === 'slow-login') {
      if (value === undefined || !/^\d+$/.test(value)) throw new Error(SLOW_LOGIN_USAGE);
      faults.slowLoginMs = Number(value);
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
  if (faults.slowLoginMs !== undefined && !(Number.isFinite(faults.slowLoginMs) && faults.slowLoginMs >= 0)) {
    throw new Error(SLOW_LOGIN_USAGE);
  }
  return { ...faults };
}

import { FAULT_NAMES, parseFaults, startMockServer } from '../../mock-server/index.js';
import { expect, test } from './helpers.js';

test.describe('parseFaults', () => {
  test('lists exactly the documented fault names', () => {
    expect([...FAULT_NAMES]).toEqual([
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
  });

  test('reads nothing from an empty or missing spec', () => {
    expect(parseFaults(undefined)).toEqual({});
    expect(parseFaults('')).toEqual({});
    expect(parseFaults(' , ')).toEqual({});
  });

  test('reads the documented example', () => {
    expect(parseFaults('login-500,slow-login=2500')).toEqual({ login500: true, slowLoginMs: 2500 });
  });

  test('reads every flag, tolerating spaces', () => {
    expect(
      parseFaults(' malformed-code , missing-code,state-mismatch,access-denied,selector-drift,token-500,slow-login=0'),
    ).toEqual({
      malformedCode: true,
      missingCode: true,
      stateMismatch: true,
      accessDenied: true,
      selectorDrift: true,
      token500: true,
      slowLoginMs: 0,
    });
  });

  test('rejects an unknown name and says what it expected', () => {
    expect(() => parseFaults('login-500,x')).toThrow(
      'Unknown MOCK_FAULTS entry "x": expected one of login-500, slow-login=<ms>, malformed-code, missing-code, state-mismatch, access-denied, selector-drift, token-500, late-hydration=<ms>, blank-first-render',
    );
    expect(() => parseFaults('login500')).toThrow(/^Unknown MOCK_FAULTS entry "login500"/);
  });

  for (const spec of ['slow-login', 'slow-login=', 'slow-login=fast', 'slow-login=-5', 'slow-login=1.5']) {
    test(`rejects "${spec}" without a whole number of ms`, () => {
      expect(() => parseFaults(spec)).toThrow('slow-login needs a duration in ms, e.g. slow-login=2000');
    });
  }

  test('reads the screen faults', () => {
    expect(parseFaults('late-hydration=1500,blank-first-render')).toEqual({ lateHydrationMs: 1500, blankFirstRender: true });
  });

  for (const spec of ['late-hydration', 'late-hydration=soon', 'late-hydration=-1']) {
    test(`rejects "${spec}" without a whole number of ms`, () => {
      expect(() => parseFaults(spec)).toThrow('late-hydration needs a duration in ms, e.g. late-hydration=1500');
    });
  }

  test('rejects a value on blank-first-render and a malformed duration object', async () => {
    expect(() => parseFaults('blank-first-render=1')).toThrow(/blank-first-render takes no value/);
    await expect(startMockServer({ faults: { lateHydrationMs: Number.NaN } })).rejects.toThrow(/late-hydration needs/);
  });

  test('rejects a value on a flag fault', () => {
    expect(() => parseFaults('token-500=1')).toThrow(/token-500 takes no value/);
  });

  test('startMockServer refuses a bad fault string instead of ignoring it', async () => {
    await expect(startMockServer({ faults: 'nope' })).rejects.toThrow(/Unknown MOCK_FAULTS entry "nope"/);
  });
});

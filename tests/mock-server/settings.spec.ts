// The mock's settings travel from the environment (read by mock-server/settings.ts,
// through the harness's configuration unread) to the embedded server's options and
// the screens, and localTarget hands a user's TOTP secret to both sides.
import { Secret, TOTP } from 'otpauth';
import { loadConfig, type ConfigError } from '../../lib/config/config.js';
import { embeddedRegistration, openTarget } from '../../lib/config/target.js';
import { registerEmbeddedServer } from '../../lib/config/embedded.js';
import { startEmbeddedServer } from '../../mock-server/embedded.js';
import { EMBEDDED_SERVER } from '../../mock-server/embedded-module.js';
import { mockSettingsFrom, readMockSettings } from '../../mock-server/settings.js';
import { expect, locationOf, pathOf, postLogin, PASSWORD, test, USERNAME, csrfFrom } from './helpers.js';

const NO_FILE = { envFile: '/dev/null' };

test('MOCK_* variables reach the embedded registration, unread by the harness', () => {
  const config = loadConfig({
    ...NO_FILE,
    env: {
      MOCK_LOGIN_UI: 'managed-two-page',
      MOCK_LOGIN_LANG: 'ko',
      MOCK_USER_MFA: 'totp',
      MOCK_USER_STATUS: 'FORCE_CHANGE_PASSWORD',
      MOCK_SIGN_IN_CHOICE: '1',
      MOCK_PASSKEY_OFFER: 'true',
      MOCK_UNKNOWN_CLIENT_ERROR: 'random',
      MOCK_FAULTS: 'late-hydration=700,blank-first-render',
      TEST_TOTP_SECRET: 'JBSWY3DPEHPK3PXP',
    },
  });
  const registration = embeddedRegistration(config, 0);
  expect(mockSettingsFrom(registration.settings)).toMatchObject({
    loginUi: 'managed-two-page',
    loginLang: 'ko',
    userMfa: 'totp',
    userStatus: 'FORCE_CHANGE_PASSWORD',
    signInChoice: true,
    passkeyOffer: true,
    unknownClientError: 'random',
    faults: 'late-hydration=700,blank-first-render',
  });
  expect(registration.users[0]?.totpSecret).toBe('JBSWY3DPEHPK3PXP');
});

test('defaults: classic, en, no challenges', () => {
  const { settings, problems } = readMockSettings({});
  expect(problems).toEqual([]);
  expect(settings).toEqual({
    loginUi: 'classic',
    faults: '',
    loginLang: 'en',
    userStatus: 'CONFIRMED',
    signInChoice: false,
    passkeyOffer: false,
    unknownClientError: 'redirect_mismatch',
  });
});

for (const [variable, value, message] of [
  ['MOCK_LOGIN_UI', 'fancy', /expected one of classic, managed, managed-two-step, managed-two-page, conventional/],
  ['MOCK_LOGIN_LANG', 'fi', /expected one of en, ko, ja, de, es, fr, id, it, pt-BR, zh-CN, zh-TW/],
  ['MOCK_USER_MFA', 'fax', /expected one of totp, sms, email, setup/],
  ['MOCK_USER_STATUS', 'LOCKED', /expected one of CONFIRMED, FORCE_CHANGE_PASSWORD/],
  ['MOCK_UNKNOWN_CLIENT_ERROR', 'Not An Error', /OAuth error code/],
  ['MOCK_FAULTS', 'late-hydration=soon', /late-hydration needs a duration in ms/],
  ['MOCK_FAULTS', 'blank-first-render=1', /blank-first-render takes no value/],
] as const) {
  test(`${variable}=${value} is refused with a clear message`, () => {
    let problem: { variable: string; problem: string } | undefined;
    try {
      loadConfig({ ...NO_FILE, env: { [variable]: value } });
    } catch (error) {
      problem = (error as ConfigError).problems.find((p) => p.variable === variable);
    }
    expect(problem?.problem).toMatch(message);
  });
}

test('without a registered embedded server the harness reads no MOCK_* and starts nothing', async () => {
  registerEmbeddedServer(undefined);
  try {
    const config = loadConfig({ ...NO_FILE, env: { MOCK_FAULTS: 'melt-down' } });
    expect(config.target).toEqual({ kind: 'embedded', baseUrl: undefined });
    await expect(openTarget(config)).rejects.toThrow(/no login service to sign in at: set OAUTH_BASE_URL/);
  } finally {
    registerEmbeddedServer(EMBEDDED_SERVER);
  }
});

test('the configured user\'s TOTP secret is what the embedded server checks', async ({ api }) => {
  const secret = new Secret({ size: 20 }).base32;
  const config = loadConfig({ ...NO_FILE, env: { MOCK_USER_MFA: 'totp', TEST_TOTP_SECRET: secret } });
  const server = await startEmbeddedServer(embeddedRegistration(config, 0));
  try {
    const login = await postLogin(api, server, { username: USERNAME, password: PASSWORD });
    const mfa = locationOf(login);
    expect(pathOf(mfa)).toBe('/mfa');
    const csrf = csrfFrom(await (await api.get(`${server.url}${mfa}`)).text());
    const code = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate();
    const done = await api.post(`${server.url}${mfa}`, { form: { totpCode: code, _csrf: csrf } });
    expect(done.status()).toBe(302);
    expect(new URL(locationOf(done)).searchParams.get('code')).not.toBeNull();
  } finally {
    await server.close();
  }
});

test('localTarget({ totpSecret }) sets the secret on both sides and in the redaction list', async ({ api, localTarget }) => {
  const secret = new Secret({ size: 20 }).base32;
  const { config, server } = await localTarget({ userMfa: 'totp', totpSecret: secret, loginLang: 'ko' });
  expect(config.user.totpSecret).toBe(secret);
  expect(config.secrets).toContain(secret);
  const mfa = locationOf(await postLogin(api, server, { username: config.user.username, password: config.user.password }));
  expect(pathOf(mfa)).toBe('/mfa');
  const csrf = csrfFrom(await (await api.get(`${server.url}${mfa}`)).text());
  const code = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate();
  expect((await api.post(`${server.url}${mfa}`, { form: { totpCode: code, _csrf: csrf } })).status()).toBe(302);
});

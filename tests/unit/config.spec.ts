import { test, expect } from '../../fixtures/index.js';
import { ConfigError, LOCAL_DEFAULTS, loadConfig } from '../../lib/config/config.js';

// An env file that does not exist is an error only when named explicitly; these tests pass the
// environment directly and point envFile at nothing, so a developer's own .env cannot leak in.
const load = (env: Record<string, string | undefined>) => loadConfig({ env, envFile: '/dev/null' });

function problemsOf(env: Record<string, string | undefined>) {
  try {
    load(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

test.describe('config', () => {
  test('with nothing set it targets the embedded server with the local defaults', () => {
    const config = load({});
    expect(config.target).toMatchObject({ kind: 'embedded', baseUrl: undefined });
    expect(config.client).toEqual({ id: LOCAL_DEFAULTS.clientId, secret: LOCAL_DEFAULTS.clientSecret, redirectUri: LOCAL_DEFAULTS.redirectUri });
    expect(config.user.username).toBe(LOCAL_DEFAULTS.username);
    expect(config.usePkce).toBe(true);
    expect(config.codeTtlSeconds).toBe(300);
    expect(config.codePattern.test('baaca0d5-0044-424e-9311-16d3d754784f')).toBe(true);
    expect(config.codePattern.test('not-a-uuid')).toBe(false);
    expect(config.scopes).toEqual([]);
  });

  test('region and stage build the RayTeams URL', () => {
    const config = load({ RAYTEAMS_REGION: 'ap-northeast-2', RAYTEAMS_STAGE: 'development', OAUTH_CLIENT_ID: 'c', OAUTH_REDIRECT_URI: 'https://app.example.com/cb', TEST_USERNAME: 'u', TEST_PASSWORD: 'p' });
    expect(config.target).toEqual({ kind: 'remote', baseUrl: 'https://oauth-ap-northeast-2-development.rayteams.com' });
    expect(config.client.secret).toBeUndefined();
  });

  test('a remote target requires client and user, listed together', () => {
    const error = problemsOf({ OAUTH_BASE_URL: 'https://oauth-ap-northeast-2-development.rayteams.com/' });
    expect(error.problems.map((p) => p.variable).sort()).toEqual(['OAUTH_CLIENT_ID', 'OAUTH_REDIRECT_URI', 'TEST_PASSWORD', 'TEST_USERNAME']);
    expect(error.exitCode).toBe(2);
  });

  test('every bad variable is named with its reason, and no value is echoed', () => {
    const secret = 'Sup3r-Secret-Value';
    const error = problemsOf({
      OAUTH_BASE_URL: 'not a url',
      OAUTH_REDIRECT_URI: 'http://app.example.com/callback',
      RAYTEAMS_REGION: 'mars-north-1',
      CODE_PATTERN: '([',
      CODE_TTL_SECONDS: 'soon',
      OAUTH_USE_PKCE: 'maybe',
      MOCK_FAULTS: 'melt-down',
      TEST_PASSWORD: secret,
      OAUTH_CLIENT_SECRET: secret,
    });
    const byVariable = Object.fromEntries(error.problems.map((p) => [p.variable, p.problem]));
    expect(byVariable.OAUTH_BASE_URL).toMatch(/not a URL/);
    expect(byVariable.OAUTH_REDIRECT_URI).toMatch(/http:\/\/ is only allowed for localhost/);
    expect(byVariable.RAYTEAMS_REGION).toMatch(/unknown region/);
    expect(byVariable.CODE_PATTERN).toMatch(/not a pattern RE2 accepts/);
    expect(byVariable.CODE_TTL_SECONDS).toMatch(/plain whole number/);
    expect(byVariable.OAUTH_USE_PKCE).toMatch(/true or false/);
    expect(byVariable.MOCK_FAULTS).toMatch(/melt-down/);
    expect(error.message).not.toContain(secret);
  });

  test('http is accepted for loopback hosts only', () => {
    expect(load({ OAUTH_BASE_URL: 'http://127.0.0.1:4010', OAUTH_CLIENT_ID: 'c', OAUTH_REDIRECT_URI: 'http://localhost/callback', TEST_USERNAME: 'u', TEST_PASSWORD: 'p' }).target).toEqual({
      kind: 'remote',
      baseUrl: 'http://127.0.0.1:4010',
    });
    expect(problemsOf({ OAUTH_BASE_URL: 'http://oauth.example.com', OAUTH_CLIENT_ID: 'c', OAUTH_REDIRECT_URI: 'http://localhost/callback', TEST_USERNAME: 'u', TEST_PASSWORD: 'p' }).problems[0]?.variable).toBe('OAUTH_BASE_URL');
  });

  test('OAUTH_BASE_URL and region/stage together are ambiguous', () => {
    const error = problemsOf({ OAUTH_BASE_URL: 'https://a.example.com', RAYTEAMS_REGION: 'ap-northeast-2', RAYTEAMS_STAGE: 'development', OAUTH_CLIENT_ID: 'c', OAUTH_REDIRECT_URI: 'https://a.example.com/cb', TEST_USERNAME: 'u', TEST_PASSWORD: 'p' });
    expect(error.problems[0]?.problem).toMatch(/not both/);
  });

  test('a missing --env-file is a configuration error naming the file', () => {
    expect(() => loadConfig({ env: {}, envFile: '/nonexistent/.env' })).toThrow(/--env-file: no such file: \/nonexistent\/.env/);
  });

  test('a control character in any variable is refused by name, never echoed', () => {
    for (const [variable, value] of [['TEST_USERNAME', 'tester@example.com\n::error::forged'], ['TEST_PASSWORD', 'Pass\u0000word'], ['OAUTH_CLIENT_ID', 'client\r'], ['OAUTH_SCOPE', 'openid\u2028email']] as const) {
      const error = problemsOf({ [variable]: value });
      expect(error.problems).toEqual([{ variable, problem: expect.stringMatching(/control character/) }]);
      expect(error.message).not.toContain(value);
      expect(error.exitCode).toBe(2);
    }
  });

  test('credentials inside a URL are refused and never printed', () => {
    const remote = { OAUTH_CLIENT_ID: 'c', TEST_USERNAME: 'u', TEST_PASSWORD: 'p' };
    const error = problemsOf({ ...remote, OAUTH_BASE_URL: 'https://admin:Hunter2-pw@oauth.example.com', OAUTH_REDIRECT_URI: 'https://app:Cb-Secret@app.example.com/cb' });
    expect(error.problems.map((p) => p.variable).sort()).toEqual(['OAUTH_BASE_URL', 'OAUTH_REDIRECT_URI']);
    expect(error.message).toMatch(/must not contain credentials/);
    expect(error.message).not.toMatch(/Hunter2|Cb-Secret|admin|oauth\.example/);
  });

  test('numbers are plain decimals within a sane range', () => {
    for (const value of ['0x10', '1e3', '-5', '1.5', '12abc']) expect(problemsOf({ CODE_TTL_SECONDS: value }).problems[0]?.problem).toMatch(/plain whole number/);
    expect(problemsOf({ CODE_TTL_SECONDS: '9000000000000' }).problems[0]?.problem).toMatch(/at most 86400/);
    expect(problemsOf({ HEALTH_DEGRADED_MS: '9000000000000' }).problems[0]?.problem).toMatch(/at most 2147483647/);
    expect(problemsOf({ HEALTH_RETRIES: '6' }).problems[0]?.problem).toMatch(/at most 5/);
    expect(load({ CODE_TTL_SECONDS: ' 120 ', HEALTH_RETRIES: '0' })).toMatchObject({ codeTtlSeconds: 120, health: { retries: 0 } });
  });

  test('a webhook must be http(s) (https unless loopback), and its value is never shown', () => {
    for (const value of ['javascript:alert(1)', 'file:///etc/passwd', 'http://hooks.example.com/T0/secret-path', 'not a url secret-path']) {
      const error = problemsOf({ HEALTH_WEBHOOK_URL: value });
      expect(error.problems[0]?.variable).toBe('HEALTH_WEBHOOK_URL');
      expect(error.message).not.toMatch(/secret-path|passwd|alert/);
    }
    expect(load({ HEALTH_WEBHOOK_URL: 'http://127.0.0.1:9/hook' }).health.webhookUrl).toBe('http://127.0.0.1:9/hook');
  });

  test('LOGIN_*_SELECTOR is parsed before any browser starts', () => {
    expect(problemsOf({ LOGIN_SUBMIT_SELECTOR: 'button[' }).problems).toEqual([{ variable: 'LOGIN_SUBMIT_SELECTOR', problem: 'not a valid CSS selector: an attribute selector without a name at position 7' }]);
    expect(problemsOf({ LOGIN_USERNAME_SELECTOR: '##user' }).problems[0]?.problem).toMatch(/not a valid CSS selector/);
    expect(problemsOf({ LOGIN_PASSWORD_SELECTOR: 'pwd=field' }).problems[0]?.problem).toMatch(/selector engine "pwd=" is not supported/);
    const fine = load({ LOGIN_USERNAME_SELECTOR: '#signInFormUsername', LOGIN_PASSWORD_SELECTOR: 'css=input[type=password]', LOGIN_SUBMIT_SELECTOR: 'form > button[type="submit"]:not([disabled])' });
    expect(fine.selectors).toEqual({ username: '#signInFormUsername', password: 'input[type=password]', submit: 'form > button[type="submit"]:not([disabled])' });
  });

  test('selector overrides of other engines, chains and Playwright-only pseudo-classes are refused before a browser starts, naming the variable', () => {
    for (const selector of ['xpath=//input[@name="u"]', '//input', 'text=Sign in', 'role=button[name="Sign in"]', 'internal:role=button', 'id=u', 'input >> nth=0', 'button:has-text("Go")', 'input:visible']) {
      const problem = problemsOf({ LOGIN_SUBMIT_SELECTOR: selector }).problems[0];
      expect(problem?.variable, selector).toBe('LOGIN_SUBMIT_SELECTOR');
      expect(problem?.problem, selector).toMatch(/not supported|not a valid CSS selector/);
    }
    for (const selector of ['[', 'a >', '.1x', 'input[name="x]', 'a)']) expect(problemsOf({ LOGIN_USERNAME_SELECTOR: selector }).problems[0]?.problem, selector).toMatch(/not a valid CSS selector/);
  });

  test('CODE_PATTERN runs on RE2: patterns that backtrack in JavaScript finish at once on a crafted code', () => {
    const crafted = `${'a'.repeat(5_000)}!`;
    for (const pattern of ['^(\\w|\\d)+$', '^(a|aa)+$', '^(.*a){20}$', '^(a+){1,16}$', '(a+)+$', '^([0-9a-f-]+)+$x']) {
      const codePattern = load({ CODE_PATTERN: pattern }).codePattern;
      const started = performance.now();
      expect(codePattern.test(crafted), pattern).toBe(false);
      expect(codePattern.test('a'.repeat(20)), pattern).toBe(pattern !== '^([0-9a-f-]+)+$x');
      expect(performance.now() - started, pattern).toBeLessThan(1_000);
    }
  });

  test('CODE_PATTERN that RE2 cannot run (backreferences, lookaround) is refused at start, saying why', () => {
    expect(problemsOf({ CODE_PATTERN: '^(a)\\1$' }).problems[0]).toEqual({ variable: 'CODE_PATTERN', problem: expect.stringMatching(/not a pattern RE2 accepts \(invalid escape sequence.*\\1.*no backreferences or lookaround/) });
    expect(problemsOf({ CODE_PATTERN: '^(?=x)' }).problems[0]?.problem).toMatch(/unsupported Perl syntax/);
    for (const pattern of ['^[0-9a-f-]{36}$', '^(ab)+$', '^[(]a+[)]+$', '^\\(a+\\)+$']) expect(load({ CODE_PATTERN: pattern }).codePattern.source).toBe(pattern);
  });

  test('secrets lists the password, client secret, TOTP secret and webhook URL for redaction', () => {
    const config = load({ TEST_PASSWORD: 'pw-1', OAUTH_CLIENT_SECRET: 'cs-2', TEST_TOTP_SECRET: 'JBSWY3DPEHPK3PXP', HEALTH_WEBHOOK_URL: 'https://hooks.example.com/T0/B0/x' });
    expect(config.secrets).toEqual(['pw-1', 'cs-2', 'JBSWY3DPEHPK3PXP', 'https://hooks.example.com/T0/B0/x']);
  });

  test('TEST_TOTP_SECRET must be base32 or an otpauth:// URI; a URI\'s secret is a secret too', () => {
    expect(() => load({ TEST_TOTP_SECRET: 'totp_3!' })).toThrow(/TEST_TOTP_SECRET: not base32/);
    const config = load({ TEST_TOTP_SECRET: 'otpauth://totp/RayTeams:t?secret=JBSWY3DPEHPK3PXP&issuer=RayTeams' });
    expect(config.secrets).toContain('JBSWY3DPEHPK3PXP');
    expect(config.user.totpSecret).toMatch(/^otpauth:/);
  });
});

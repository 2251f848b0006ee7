import { test, expect } from '../../fixtures/index.js';
import { startMockServer, type MockServer } from '../../mock-server/index.js';
import { runNpmScript } from './run-cli.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOCAL_PASSWORD = 'Local-Pa55word!';

test.describe('npm run get-code', () => {
  test('prints only a fresh UUID code on stdout, progress on stderr @smoke', async () => {
    const result = await runNpmScript('get-code', []);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^[0-9a-f-]{36}\n$/);
    expect(result.stdout.trim()).toMatch(UUID);
    expect(result.stderr).toContain('Sign in');
    expect(result.stderr).not.toContain(LOCAL_PASSWORD);
  });

  test('--format json prints one object with the documented fields', async () => {
    const result = await runNpmScript('get-code', ['--format', 'json', '--quiet']);
    expect(result.exitCode, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const output = JSON.parse(lines[0] ?? '{}');
    expect(Object.keys(output).sort()).toEqual(['client_id', 'code', 'code_verifier', 'expires_at', 'issued_at', 'redirect_uri', 'state'].sort());
    expect(output.code).toMatch(UUID);
    expect(output.redirect_uri).toBe('http://localhost/callback');
    expect(output.client_id).toBe('local-test-client');
    expect(output.code_verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(Date.parse(output.expires_at) - Date.parse(output.issued_at)).toBe(300_000);
    expect(result.stderr).toBe('');
  });

  test('exit 2 names a bad flag and a bad variable', async () => {
    const badFlag = await runNpmScript('get-code', ['--format', 'xml']);
    expect(badFlag.exitCode).toBe(2);
    expect(badFlag.stderr).toContain('--format must be one of text, json');
    const badEnv = await runNpmScript('get-code', [], { OAUTH_BASE_URL: 'https://oauth.example.com', TEST_PASSWORD: 'Canary-Pa55!' });
    expect(badEnv.exitCode).toBe(2);
    expect(badEnv.stderr).toContain('OAUTH_CLIENT_ID: missing');
    expect(badEnv.stderr).not.toContain('Canary-Pa55!');
    expect(badEnv.stdout).toBe('');
  });

  test.describe('against a separately running server', () => {
    let server: MockServer;

    test.beforeAll(async () => {
      server = await startMockServer({ port: 0 });
    });

    test.afterAll(async () => {
      await server.close();
    });

    const remoteEnv = () => ({
      OAUTH_BASE_URL: server.url,
      OAUTH_CLIENT_ID: 'local-test-client',
      OAUTH_REDIRECT_URI: 'http://localhost/callback',
      TEST_USERNAME: 'nobody@example.com',
      TEST_PASSWORD: 'Wrong-Pa55word!',
    });

    test('exit 3 when the credentials are rejected', async () => {
      const result = await runNpmScript('get-code', [], remoteEnv());
      expect(result.exitCode, result.stderr).toBe(3);
      expect(result.stderr).toContain('Incorrect username or password.');
      expect(result.stderr).not.toContain('Wrong-Pa55word!');
      expect(result.stdout).toBe('');
    });
  });

  test('exit 5 when the login service cannot be reached, well within --timeout', async () => {
    const result = await runNpmScript('get-code', ['--timeout', '10000'], {
      OAUTH_BASE_URL: 'http://127.0.0.1:9',
      OAUTH_CLIENT_ID: 'c',
      OAUTH_REDIRECT_URI: 'http://localhost/callback',
      TEST_USERNAME: 'u',
      TEST_PASSWORD: 'p',
    });
    expect(result.exitCode, result.stderr).toBe(5);
    expect(result.stderr).toMatch(/cannot reach the login service: net::ERR_/);
  });

  for (const [fault, reason] of [
    ['malformed-code', 'bad_code'],
    ['missing-code', 'bad_code'],
    ['state-mismatch', 'state_mismatch'],
  ] as const) {
    test(`exit 6 under MOCK_FAULTS=${fault}`, async () => {
      const result = await runNpmScript('get-code', [], { MOCK_FAULTS: fault });
      expect(result.exitCode, result.stderr).toBe(6);
      expect(result.stderr).toContain(`[${reason}]`);
      expect(result.stdout).toBe('');
    });
  }
});

/**
 * Every exit code of get-code (DESIGN.md), each caused the way a pipeline meets it, with its
 * one-line reason on stderr and nothing on stdout. One whole-process run per cause class keeps the
 * suite fast; the remaining faults are asserted reason by reason in tests/e2e/faults.spec.ts and the
 * reason-to-exit-code table in tests/unit/exit-codes.spec.ts.
 */
import { createServer } from 'node:net';
import { test, expect } from '../../fixtures/index.js';
import { startMockServer, type MockServer } from '../../mock-server/index.js';
import { LOCAL, expectExit, getCode } from './get-code-run.js';

/** A port nobody listens on: taken from the OS, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

test.describe('get-code exit codes', () => {
  test('2: bad flags, each named', async () => {
    expectExit(await getCode(['--format', 'xml']), 2, 'usage', '--format must be one of text, json, env, github, got "xml"');
    expectExit(await getCode(['--count', '0']), 2, 'usage', '--count must be a whole number of at least 1, got "0"');
    expectExit(await getCode(['--count', '51']), 2, 'usage', '--count must be at most 50, got 51');
    expectExit(await getCode(['--format', 'github']), 2, 'usage', '--format github needs $GITHUB_OUTPUT');
  });

  test('2: bad configuration names the variable, never its value', async () => {
    const run = await getCode([], { OAUTH_BASE_URL: 'https://oauth.example.com', TEST_PASSWORD: 'Canary-Pa55!' });
    expectExit(run, 2, 'config', 'OAUTH_CLIENT_ID: missing');
  });

  test.describe('against a separately started server', () => {
    let server: MockServer;
    const requests: string[] = [];

    test.beforeAll(async () => {
      server = await startMockServer({ port: 0, log: (line) => requests.push(line) });
    });

    test.afterAll(async () => {
      await server.close();
    });

    const remoteEnv = (extra: Record<string, string> = {}) => ({
      OAUTH_BASE_URL: server.url,
      OAUTH_CLIENT_ID: LOCAL.clientId,
      OAUTH_REDIRECT_URI: LOCAL.redirectUri,
      TEST_USERNAME: LOCAL.username,
      TEST_PASSWORD: LOCAL.password,
      ...extra,
    });

    test('2: --exchange without OAUTH_CLIENT_SECRET stops before any browser or request', async () => {
      const before = requests.length;
      const run = await getCode(['--exchange'], remoteEnv());
      expectExit(run, 2, 'config', 'token exchange needs the client secret: set OAUTH_CLIENT_SECRET');
      expect(run.stderr).not.toContain('Signing in');
      expect(run.stderr).not.toContain('Open login screen');
      expect(requests.slice(before)).toEqual([]);
    });

    test('3: wrong password', async () => {
      const run = await getCode([], remoteEnv({ TEST_USERNAME: 'nobody@example.com', TEST_PASSWORD: 'Wrong-Pa55word!' }));
      expectExit(run, 3, 'credentials_rejected', 'Incorrect username or password.');
    });
  });

  for (const [fault, reason, message, args] of [
    ['login-500', 'server_error', 'login service answered HTTP 500 on POST /login', []],
    ['token-500', 'token_error', 'token endpoint answered HTTP 500', ['--exchange']],
  ] as const) {
    test(`4: MOCK_FAULTS=${fault}${args.length ? ` with ${args.join(' ')}` : ''}`, async () => {
      expectExit(await getCode([...args], { MOCK_FAULTS: fault }), 4, reason, message);
    });
  }

  test('5: the login service cannot be reached, well within --timeout', async () => {
    const run = await getCode(['--timeout', '10000'], {
      OAUTH_BASE_URL: `http://127.0.0.1:${await closedPort()}`,
      OAUTH_CLIENT_ID: 'c',
      OAUTH_REDIRECT_URI: LOCAL.redirectUri,
      TEST_USERNAME: 'u',
      TEST_PASSWORD: 'Unreachable-Pa55!',
    });
    expectExit(run, 5, 'network', /cannot reach the login service: net::ERR_CONNECTION_REFUSED/);
  });

  for (const [fault, reason, message] of [
    ['malformed-code', 'bad_code', 'code does not match CODE_PATTERN'],
    ['state-mismatch', 'state_mismatch', 'callback state differs from the state sent'],
  ] as const) {
    test(`6: MOCK_FAULTS=${fault}`, async () => {
      expectExit(await getCode(['--timeout', '8000'], { MOCK_FAULTS: fault }), 6, reason, message);
    });
  }
});

/**
 * get-code inside a pipeline: a code printed by one process is redeemed by another (curl) against
 * `npm run mock-server`, and a separate Node project uses the harness through package.json "exports".
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '../../fixtures/index.js';
import { startMockServer } from '../../mock-server/index.js';
import { LOCAL, UUID, expectNoSecrets, getCode } from './get-code-run.js';
import { EMPTY_ENV_FILE, cleanEnv, run } from './run-cli.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** `npm run mock-server` on a free port, as its own process group so it can be stopped whole. */
async function startMockServerProcess(): Promise<{ url: string; stop(): void }> {
  const child: ChildProcess = spawn('npm', ['run', '-s', 'mock-server', '--', '--port', '0', '--env-file', EMPTY_ENV_FILE], {
    cwd: REPO,
    env: cleanEnv(),
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  const stop = () => {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
  };
  const url = await new Promise<string>((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`mock-server did not start: ${stderr}`)), 20_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', () => reject(new Error(`mock-server exited: ${stderr}`)));
  }).catch((error: unknown) => {
    stop();
    throw error;
  });
  return { url, stop };
}

/** POST /oauth2/token the way a separate pipeline step would: with curl, or fetch where curl is missing. */
async function redeem(baseUrl: string, form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const auth = `${LOCAL.clientId}:${LOCAL.clientSecret}`;
  if (spawnSync('which', ['curl']).status !== 0) {
    test.info().annotations.push({ type: 'note', description: 'curl is not installed; redeemed with fetch instead' });
    const response = await fetch(`${baseUrl}/oauth2/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(auth).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
  const args = ['-sS', '-u', auth, '-w', '\n%{http_code}', ...Object.entries(form).flatMap(([name, value]) => ['--data-urlencode', `${name}=${value}`]), `${baseUrl}/oauth2/token`];
  const curl = await run('curl', args, cleanEnv(), 15_000);
  expect(curl.exitCode, curl.stderr).toBe(0);
  const newline = curl.stdout.lastIndexOf('\n');
  return { status: Number(curl.stdout.slice(newline + 1)), body: JSON.parse(curl.stdout.slice(0, newline)) as Record<string, unknown> };
}

test.describe('get-code in a pipeline', () => {
  test('a code from get-code against `npm run mock-server` is redeemed by a separate curl, once', async () => {
    const server = await startMockServerProcess();
    try {
      const result = await getCode(['--format', 'json', '--quiet'], {
        OAUTH_BASE_URL: server.url,
        OAUTH_CLIENT_ID: LOCAL.clientId,
        OAUTH_REDIRECT_URI: LOCAL.redirectUri,
        TEST_USERNAME: LOCAL.username,
        TEST_PASSWORD: LOCAL.password,
      });
      expect(result.exitCode, result.stderr).toBe(0);
      const output = JSON.parse(result.stdout) as Record<string, string>;
      expect(output.code).toMatch(UUID);
      expect(Date.parse(output.expires_at ?? '')).toBeGreaterThan(Date.now());

      const form = {
        grant_type: 'authorization_code',
        client_id: output.client_id ?? '',
        code: output.code ?? '',
        redirect_uri: output.redirect_uri ?? '',
        code_verifier: output.code_verifier ?? '',
      };
      const first = await redeem(server.url, form);
      expect(first.status, JSON.stringify(first.body.error)).toBe(200);
      expect(first.body.token_type).toBe('Bearer');
      expect(first.body.access_token).toMatch(/^eyJ/);
      // get-code did not spend the code (the first redemption worked); the server spends it now.
      const second = await redeem(server.url, form);
      expect(second.status).toBe(400);
      expect(second.body.error).toBe('invalid_grant');
    } finally {
      server.stop();
    }
  });

  test('a separate Node project imports getAuthorizationCode and exchangeCode by package name', async () => {
    const server = await startMockServer({ port: 0 });
    try {
      // As `npm install <path-to-harness>` leaves it: the package linked under node_modules.
      const consumer = mkdtempSync(join(tmpdir(), 'harness-consumer-'));
      mkdirSync(join(consumer, 'node_modules'));
      symlinkSync(REPO, join(consumer, 'node_modules', 'rayteams-login-harness'), 'dir');
      writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'pipeline', private: true, type: 'module' }));
      copyFileSync(join(REPO, 'tests/cli/get-code-library-consumer.ts'), join(consumer, 'pipeline.ts'));
      const envFile = join(consumer, '.env');
      const env = {
        OAUTH_BASE_URL: server.url,
        OAUTH_CLIENT_ID: LOCAL.clientId,
        OAUTH_CLIENT_SECRET: LOCAL.clientSecret,
        OAUTH_REDIRECT_URI: LOCAL.redirectUri,
        TEST_USERNAME: LOCAL.username,
        TEST_PASSWORD: LOCAL.password,
      };
      writeFileSync(envFile, Object.entries(env).map(([name, value]) => `${name}=${value}\n`).join(''));

      const result = await run(join(REPO, 'node_modules/.bin/tsx'), [join(consumer, 'pipeline.ts'), envFile], cleanEnv(), 60_000);
      expect(result.exitCode, result.stderr).toBe(0);
      const output = JSON.parse(result.stdout) as Record<string, string>;
      expect(output.code).toMatch(UUID);
      expect(output.tokenType).toBe('Bearer');
      expect(output.again).toBe('invalid_grant');
      expectNoSecrets(result, [LOCAL.password, LOCAL.clientSecret]);
    } finally {
      await server.close();
    }
  });
});

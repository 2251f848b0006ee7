/**
 * npm run get-code as a pipeline step uses it: every output format, --out, --count, --exchange and
 * the expiry warning. Exit codes: get-code-exit-codes.spec.ts; pipelines: get-code-pipeline.spec.ts.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '../../fixtures/index.js';
import { LOCAL, UUID, getCode } from './get-code-run.js';

const VERIFIER = /^[A-Za-z0-9_-]{43,128}$/;
const JSON_FIELDS = ['client_id', 'code', 'code_verifier', 'expires_at', 'issued_at', 'redirect_uri', 'state'];

function jsonLines(text: string): Array<Record<string, string | null>> {
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, string | null>);
}

/** "Sign in" is the form step's progress line: it shows how many codes needed the login form. */
function formLogins(stderr: string): number {
  return stderr.split('\n').filter((line) => line.trim() === 'Sign in').length;
}

test.describe('npm run get-code', () => {
  test('text: prints only a fresh UUID code on stdout, progress on stderr', { tag: '@smoke' }, async () => {
    const result = await getCode([], {}, { viaNpm: true });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^[0-9a-f-]{36}\n$/);
    expect(result.stdout.trim()).toMatch(UUID);
    expect(result.stderr).toContain('Sign in');
    // 300 s left: nothing to warn about the expiry…
    expect(result.stderr).not.toMatch(/expires in \d+ s/);
    // …but the embedded server stops with the command, and says so in words.
    expect(result.stderr).toContain('warning: this code is from the embedded local server, which stops as get-code exits: it cannot be redeemed afterwards.');
  });

  test('json: one object per line with the documented fields', async () => {
    const result = await getCode(['--format', 'json', '--quiet']);
    expect(result.exitCode, result.stderr).toBe(0);
    const lines = jsonLines(result.stdout);
    expect(lines).toHaveLength(1);
    const output = lines[0] ?? {};
    expect(Object.keys(output).sort()).toEqual(JSON_FIELDS);
    expect(output.code).toMatch(UUID);
    expect(output.redirect_uri).toBe(LOCAL.redirectUri);
    expect(output.client_id).toBe(LOCAL.clientId);
    expect(output.code_verifier).toMatch(VERIFIER);
    expect(output.state).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(Date.parse(output.expires_at ?? '') - Date.parse(output.issued_at ?? '')).toBe(300_000);
    expect(result.stderr).toBe('');
  });

  test('env: the five OAUTH_ variables, and a warning when the code has under 60 s left', async () => {
    const before = Date.now();
    const result = await getCode(['--format', 'env'], { CODE_TTL_SECONDS: '30' });
    expect(result.exitCode, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n').map((line) => line.replace(/^export /, ''));
    expect(result.stdout.trim().split('\n').every((line) => line.startsWith('export '))).toBe(true);
    expect(lines.map((line) => line.split('=')[0])).toEqual(['OAUTH_CODE', 'OAUTH_CODE_VERIFIER', 'OAUTH_STATE', 'OAUTH_REDIRECT_URI', 'OAUTH_CODE_EXPIRES_AT']);
    const vars = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
    expect(vars.OAUTH_CODE).toMatch(UUID);
    expect(vars.OAUTH_CODE_VERIFIER).toMatch(VERIFIER);
    expect(vars.OAUTH_REDIRECT_URI).toBe(LOCAL.redirectUri);
    // expires_at = issued_at + CODE_TTL_SECONDS, and issued_at lies within this run.
    const expiresAt = Date.parse(vars.OAUTH_CODE_EXPIRES_AT ?? '');
    expect(expiresAt).toBeGreaterThanOrEqual(before + 30_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 30_000);
    expect(result.stderr).toMatch(/warning: code 1 expires in (2\d|30) s .*less than 60 s/);
  });

  test('github: outputs appended to $GITHUB_OUTPUT, masks for code and verifier on stdout; --no-pkce sends no verifier', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'get-code-gh-'));
    const githubOutput = join(dir, 'output');
    writeFileSync(githubOutput, 'earlier=kept\n');
    const result = await getCode(['--format', 'github'], { GITHUB_OUTPUT: githubOutput });
    expect(result.exitCode, result.stderr).toBe(0);
    const outputs = readFileSync(githubOutput, 'utf8');
    const [earlier, ...lines] = outputs.trim().split('\n');
    expect(earlier).toBe('earlier=kept');
    const values = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
    expect(Object.keys(values)).toEqual(['code', 'code_verifier', 'state', 'expires_at']);
    expect(values.code).toMatch(UUID);
    expect(values.code_verifier).toMatch(VERIFIER);
    expect(result.stdout).toBe(`::add-mask::${values.code}\n::add-mask::${values.code_verifier}\n`);

    const noPkce = await getCode(['--format', 'github', '--no-pkce', '--quiet'], { GITHUB_OUTPUT: githubOutput });
    expect(noPkce.exitCode, noPkce.stderr).toBe(0);
    const second = readFileSync(githubOutput, 'utf8').slice(outputs.length);
    expect(second).toMatch(/^code=[0-9a-f-]{36}\ncode_verifier=\nstate=\S+\nexpires_at=\S+\n$/);
    expect(noPkce.stdout).toMatch(/^::add-mask::[0-9a-f-]{36}\n$/);
  });

  test('--out writes mode 0600 (replacing a world-readable file); --count 5 gives distinct codes from one login', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'get-code-out-'));
    const out = join(dir, 'codes.jsonl');
    writeFileSync(out, 'stale\n', { mode: 0o644 });
    const result = await getCode(['--count', '5', '--format', 'json', '--out', out]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const codes = jsonLines(readFileSync(out, 'utf8'));
    expect(codes).toHaveLength(5);
    for (const code of codes) expect(code.code).toMatch(UUID);
    expect(new Set(codes.map((c) => c.code)).size).toBe(5);
    expect(new Set(codes.map((c) => c.state)).size).toBe(5);
    expect(new Set(codes.map((c) => c.code_verifier)).size).toBe(5);
    // One browser: the first code needs the form, the rest come from its session.
    expect(formLogins(result.stderr)).toBe(1);
  });

  test('--count 5 --fresh-login signs in through the form for every code', async () => {
    const result = await getCode(['--count', '5', '--fresh-login', '--format', 'json']);
    expect(result.exitCode, result.stderr).toBe(0);
    const codes = jsonLines(result.stdout);
    expect(codes).toHaveLength(5);
    expect(new Set(codes.map((c) => c.code)).size).toBe(5);
    expect(formLogins(result.stderr)).toBe(5);
  });

  test('--exchange outputs the token response, only on stdout', async () => {
    // Redeemed while the server ran: no warning that it cannot be redeemed.
    const result = await getCode(['--exchange', '--format', 'json']);
    expect(result.exitCode, result.stderr).toBe(0);
    const lines = jsonLines(result.stdout);
    expect(lines).toHaveLength(1);
    const tokens = lines[0] ?? {};
    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.expires_in).toBeGreaterThan(0);
    expect(tokens).not.toHaveProperty('code');
    const claims = JSON.parse(Buffer.from((tokens.access_token ?? '').split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
    expect(claims.client_id).toBe(LOCAL.clientId);
    expect(tokens.id_token).toMatch(/^eyJ/);
    expect(result.stderr).toContain('Exchange code');
    expect(result.stderr).not.toContain('cannot be redeemed afterwards');
    for (const token of [tokens.access_token, tokens.id_token, tokens.refresh_token]) {
      expect(token).toBeTruthy();
      expect(result.stderr).not.toContain(token ?? '');
    }
  });
});

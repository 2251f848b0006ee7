import { test, expect } from '../../fixtures/index.js';
import { codeItem, renderGithub, renderItems, secondsLeft, shellValue, tokenItem } from '../../lib/commands/code-output.js';
import type { AuthorizationResult } from '../../lib/journey/flow.js';

const issuedAt = new Date('2026-01-01T00:00:00.000Z');
function code(n: number, overrides: Partial<AuthorizationResult> = {}): AuthorizationResult {
  return {
    code: `0000000${n}-0000-4000-8000-000000000000`,
    state: `state-${n}`,
    codeVerifier: `verifier-${n}`,
    redirectUri: 'https://app.example.com/callback?tenant=a&x=1',
    clientId: 'client',
    issuer: undefined,
    issuedAt,
    expiresAt: new Date(issuedAt.getTime() + 300_000),
    signedInWithForm: true,
    loginShape: undefined,
    phases: { loginScreenMs: 0, signInMs: 0 },
    ...overrides,
  };
}

test.describe('code output formats', () => {
  test('env: `export` lines (child processes see them); the first code keeps the documented names, later ones are numbered; awkward values are quoted', () => {
    const text = renderItems([code(1), code(2)].map(codeItem), 'env');
    expect(text.split('\n').filter(Boolean)).toEqual([
      'export OAUTH_CODE=00000001-0000-4000-8000-000000000000',
      'export OAUTH_CODE_VERIFIER=verifier-1',
      'export OAUTH_STATE=state-1',
      "export OAUTH_REDIRECT_URI='https://app.example.com/callback?tenant=a&x=1'",
      'export OAUTH_CODE_EXPIRES_AT=2026-01-01T00:05:00.000Z',
      'export OAUTH_CODE_2=00000002-0000-4000-8000-000000000000',
      'export OAUTH_CODE_VERIFIER_2=verifier-2',
      'export OAUTH_STATE_2=state-2',
      "export OAUTH_REDIRECT_URI_2='https://app.example.com/callback?tenant=a&x=1'",
      'export OAUTH_CODE_EXPIRES_AT_2=2026-01-01T00:05:00.000Z',
    ]);
    expect(shellValue("it's")).toBe(`'it'\\''s'`);
  });

  test('json and text: one line per code; no PKCE gives a null verifier', () => {
    const items = [code(1, { codeVerifier: undefined }), code(2)].map(codeItem);
    expect(renderItems(items, 'text')).toBe('00000001-0000-4000-8000-000000000000\n00000002-0000-4000-8000-000000000000\n');
    const [first] = renderItems(items, 'json').trim().split('\n');
    expect(JSON.parse(first ?? '')).toEqual({
      code: '00000001-0000-4000-8000-000000000000',
      state: 'state-1',
      code_verifier: null,
      redirect_uri: 'https://app.example.com/callback?tenant=a&x=1',
      client_id: 'client',
      issued_at: '2026-01-01T00:00:00.000Z',
      expires_at: '2026-01-01T00:05:00.000Z',
    });
  });

  test('github: outputs and masks; tokens are all masked; multi-line values use a delimiter', () => {
    const codes = renderGithub([codeItem(code(1))]);
    expect(codes.outputFile).toBe('code=00000001-0000-4000-8000-000000000000\ncode_verifier=verifier-1\nstate=state-1\nexpires_at=2026-01-01T00:05:00.000Z\n');
    expect(codes.stdout).toBe('::add-mask::00000001-0000-4000-8000-000000000000\n::add-mask::verifier-1\n');

    const tokens = renderGithub([tokenItem({ access_token: 'at', id_token: 'it', refresh_token: 'rt', token_type: 'Bearer', expires_in: 3600 })]);
    expect(tokens.outputFile).toBe('access_token=at\nid_token=it\nrefresh_token=rt\ntoken_type=Bearer\nexpires_in=3600\n');
    expect(tokens.stdout).toBe('::add-mask::at\n::add-mask::it\n::add-mask::rt\n');

    const multiLine = renderGithub([codeItem(code(1, { state: 'a\nb' }))]).outputFile;
    expect(multiLine).toMatch(/\nstate<<(ghadelimiter_[0-9a-f]{24})\na\nb\n\1\n/);
  });

  test('secondsLeft counts down to expires_at', () => {
    expect(secondsLeft(code(1), new Date(issuedAt.getTime() + 241_500))).toBe(58);
  });
});

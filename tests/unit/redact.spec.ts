import { Writable } from 'node:stream';
import { test, expect } from '../../fixtures/index.js';
import { createLogger } from '../../lib/platform/log.js';
import { REDACTED, findSecrets, hashToken, redactText, secretForms } from '../../lib/redaction/redact.js';

// Characters that every encoding treats differently: space, !, &, ", /, +, \ and a non-ASCII one.
const PASSWORD = 'Pa55 w0rd!&"/+\\é';
const CLIENT_SECRET = 'local-test-secret';
const secrets = [
  { name: 'TEST_PASSWORD', value: PASSWORD },
  { name: 'OAUTH_CLIENT_SECRET', value: CLIENT_SECRET },
];
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** The text must lose the secret, keep its surroundings and say where the secret was. */
function expectRedacted(text: string, leftover: string[], kind: RegExp) {
  const redacted = redactText(text, secrets);
  for (const piece of leftover) expect(redacted).not.toContain(piece);
  expect(redacted).toContain(REDACTED);
  expect(findSecrets(text, secrets)).toContainEqual(expect.stringMatching(kind));
  // Idempotent: a second pass finds nothing more.
  expect(findSecrets(redacted, secrets)).toEqual([]);
}

test.describe('secret forms', () => {
  test('lists plain, URL- and form-encoded, escaped and base64 forms at three alignments', () => {
    const forms = secretForms('Local-Pa55word!');
    expect(forms).toEqual(expect.arrayContaining(['Local-Pa55word!', 'Local-Pa55word%21', 'Local-Pa55word%21'.toLowerCase().replace('local-pa55word', 'Local-Pa55word')]));
    // Whatever bytes surround it, the base64 of a text holding the secret contains one of the forms.
    for (const before of ['', 'x', 'xy', 'client:', 'client1:']) {
      for (const after of ['', 'z', ':rest']) {
        const encoded = b64(`${before}Local-Pa55word!${after}`);
        expect(forms.some((form) => form.length >= 6 && encoded.includes(form)), `${before}|${after}`).toBe(true);
      }
    }
    expect(secretForms('a b')).toEqual(expect.arrayContaining(['a b', 'a%20b', 'a+b']));
    expect(secretForms('')).toEqual([]);
  });
});

test.describe('redactText', () => {
  test('removes a secret in plain text, keeping the words around it', () => {
    expect(redactText(`password is ${PASSWORD}.`, secrets)).toBe(`password is ${REDACTED}.`);
    expect(findSecrets(`x ${CLIENT_SECRET} y`, secrets)).toEqual(['OAUTH_CLIENT_SECRET (plain)']);
  });

  test('removes URL-encoded forms: %XX in either case, + or %20 for spaces, double-encoded', () => {
    const percent = encodeURIComponent(PASSWORD);
    const form = new URLSearchParams({ password: PASSWORD }).toString();
    expect(form).toContain('+w0rd'); // the form encoder writes the space as +
    expectRedacted(`/login?p=${percent}&next=1`, [percent, 'w0rd'], /^TEST_PASSWORD \(url-encoded\)$/);
    expectRedacted(`/login?p=${percent.toLowerCase().replace(/pa55/i, 'Pa55').replace(/w0rd/i, 'w0rd')}`, ['w0rd'], /url-encoded/);
    expectRedacted(`username=a&${form}&signIn=1`, ['w0rd'], /url-encoded/);
    expectRedacted(`redirect=${encodeURIComponent(`/x?p=${percent}`)}`, ['w0rd'], /url-encoded/);
    expect(redactText(`username=a&${form}&signIn=1`, secrets)).toBe(`username=a&password=${REDACTED}&signIn=1`);
  });

  test('removes JSON-, HTML- and XML-escaped forms', () => {
    expectRedacted(JSON.stringify({ value: PASSWORD }), ['w0rd'], /TEST_PASSWORD \(json-escaped\)/);
    expectRedacted(JSON.stringify({ value: PASSWORD }, null, 0).replace(/é/, '\\u00e9'), ['w0rd'], /json-escaped/);
    const xml = PASSWORD.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    expectRedacted(`<system-out>${xml}</system-out>`, ['w0rd'], /TEST_PASSWORD \(html-escaped\)/);
    // Every redaction leaves JSON parseable.
    const json = JSON.stringify({ nested: JSON.stringify({ value: PASSWORD }) });
    expect(JSON.parse(redactText(json, secrets))).toEqual({ nested: JSON.stringify({ value: REDACTED }) });
  });

  test('finds base64 of a secret at every alignment inside a longer base64 string', () => {
    for (const textForm of [PASSWORD, encodeURIComponent(PASSWORD), CLIENT_SECRET]) {
      for (const prefix of ['', 'a', 'ab', 'abc', 'client-id:', 'client-id1:']) {
        for (const suffix of ['', 'z', 'yz', ':tail']) {
          const blob = b64(`${prefix}${textForm}${suffix}`);
          const where = `{"blob":"${blob}"}`;
          const kinds = findSecrets(where, secrets);
          expect(kinds.length, `${prefix}|${suffix}`).toBeGreaterThan(0);
          expect(kinds[0]).toMatch(/^(TEST_PASSWORD|OAUTH_CLIENT_SECRET) \(base64(url)?\)$/);
          expect(redactText(where, secrets)).toContain(REDACTED);
        }
      }
    }
    // base64url (JWT payloads, URL parameters)
    const url = Buffer.from(`{"p":"${PASSWORD}"}`).toString('base64url');
    expect(findSecrets(`token=${url}`, secrets).join()).toMatch(/TEST_PASSWORD \(base64/);
  });

  test('removes the client secret from a Basic authorization header', () => {
    const header = `Authorization: Basic ${b64(`local-test-client:${encodeURIComponent(CLIENT_SECRET)}`)}`;
    expect(findSecrets(header, secrets)).toContain('OAUTH_CLIENT_SECRET (base64)');
    // At most the few characters that also depend on the bytes after the secret survive.
    expect(redactText(header, secrets)).toMatch(/^Authorization: Basic (\[REDACTED\])+[A-Za-z0-9+/=]{0,3}$/);
  });

  test('removes JWT- and JWE-shaped tokens wherever they are', () => {
    const jwt = `${b64url({ alg: 'RS256', kid: 'k1' })}.${b64url({ sub: 'user', token_use: 'access' })}.c2lnbmF0dXJlLWJ5dGVz`;
    const jwe = `${b64url({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' })}.ZW5jcnlwdGVkLWtleQ.aXY.Y2lwaGVydGV4dA.dGFn`;
    expect(redactText(`Expected: "${jwt}"`, [])).toBe(`Expected: "${REDACTED}"`);
    expect(redactText(`refresh ${jwe} end`, [])).toBe(`refresh ${REDACTED} end`);
    expect(findSecrets(jwt, [])).toEqual(['JWT-shaped token']);
    expect(findSecrets(jwe, [])).toEqual(['JWE-shaped token']);
  });

  test('removes codes, verifiers and tokens by the name they travel under', () => {
    const code = 'baaca0d5-0044-424e-9311-16d3d754784f';
    const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
    const cases: Array<[string, string, string]> = [
      [`http://localhost/callback?code=${code}&state=s1`, `http://localhost/callback?code=${REDACTED}&state=s1`, 'authorization code'],
      [`grant_type=authorization_code&code=${code}&code_verifier=${verifier}`, `grant_type=authorization_code&code=${REDACTED}&code_verifier=${REDACTED}`, 'code verifier'],
      [`<a href="/cb?x=1&amp;code=${code}">`, `<a href="/cb?x=1&amp;code=${REDACTED}">`, 'authorization code'],
      [`{"code":"${code}","state":"s1"}`, `{"code":"${REDACTED}","state":"s1"}`, 'authorization code'],
      [`{"refresh_token":"opaque-refresh-value-123","token_type":"Bearer"}`, `{"refresh_token":"${REDACTED}","token_type":"Bearer"}`, 'refresh token'],
      [`{"name":"code_verifier","value":"${verifier}"}`, `{"name":"code_verifier","value":"${REDACTED}"}`, 'code verifier'],
      [`message: "{\\"access_token\\":\\"opaque-access\\"}"`, `message: "{\\"access_token\\":\\"${REDACTED}\\"}"`, 'access token'],
      [`step "redeemed with code_verifier=${verifier}"`, `step "redeemed with code_verifier=${REDACTED}"`, 'code verifier'],
      [`logged code=${code} once`, `logged code=${REDACTED} once`, 'authorization code'],
      ['authorization: Bearer opaque-access-token-1', `authorization: Bearer ${REDACTED}`, 'Bearer token'],
      [`["INPUT",{"__playwright_value_":"typed by hand","id":"p","type":"password"}]`, `["INPUT",{"__playwright_value_":"${REDACTED}","id":"p","type":"password"}]`, 'password'],
    ];
    for (const [text, expected, kind] of cases) {
      expect(redactText(text, [])).toBe(expected);
      expect(findSecrets(text, [])).toContain(kind);
    }
  });

  test('leaves what is not a secret alone', () => {
    const texts = [
      'state=ok3Z0WroGFHERyHXrPSNj&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256',
      '{"code":"ERR_NETWORK","error_code":"x","status":400}',
      'test id 004e4062-8698-4e09-a42a-89dbefd629b4, a UUID outside a code parameter',
      '["INPUT",{"__playwright_value_":"tester@example.com","name":"username","type":"email"}]',
      'if(a&&code===1)return{code:c}',
      'process exited with code=3 after 120 ms; error_code=ECONNREFUSED',
    ];
    for (const text of texts) expect(redactText(text, secrets)).toBe(text);
    // Program text of the report viewers: only secret values go, never `&code=` look-alikes.
    expect(redactText(`u+"&code="+x;const s="${CLIENT_SECRET}"`, secrets, { mode: 'values' })).toBe(`u+"&code="+x;const s="${REDACTED}"`);
  });

  test('removes opaque tokens recorded in the ledger, and only those', () => {
    const seen = 'X0pAq9Lr7vT2mB5nC8dE1fG4hJ6kQ3sU';
    const unseen = 'Y0pAq9Lr7vT2mB5nC8dE1fG4hJ6kQ3sU';
    const text = `Expected: "${seen}" Received: "${unseen}"`;
    expect(redactText(text, [], { tokenHashes: [hashToken(seen)] })).toBe(`Expected: "${REDACTED}" Received: "${unseen}"`);
    expect(findSecrets(text, [], { tokenHashes: [hashToken(seen)] })).toEqual(['token seen in the run']);
    expect(redactText(text, [])).toBe(text);
  });
});

test.describe('secrets of unusual length', () => {
  test('a secret shorter than 4 characters is not replaced as text: that would reveal it', () => {
    const text = 'a1b2 is fine; so is ab and xy';
    expect(redactText(text, ['ab', 'xy3'])).toBe(text);
    expect(findSecrets(text, ['ab', 'xy3'])).toEqual([]);
    expect(redactText('key abcd here', ['abcd'])).toBe(`key ${REDACTED} here`);
  });

  test('a password of 3000+ characters is redacted in plain, encoded and base64 forms, and never echoed by an error', () => {
    const long = `${'Lo0ng-p@ss/'.repeat(300)}é`;
    const text = [`plain ${long}`, `form password=${encodeURIComponent(long)}`, `json "${JSON.stringify(long).slice(1, -1)}"`, `basic ${b64(`client:${long}`)}`].join('\n');
    const redacted = redactText(text, [long]);
    expect(redacted).not.toContain(long.slice(0, 40));
    expect(redacted).not.toContain(b64(long).slice(8, 48));
    expect(redacted.split(REDACTED)).toHaveLength(5);
  });
});

test.describe('scrubbing logger', () => {
  test('removes given secrets and token shapes from every line, also ones added later', () => {
    let output = '';
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        output += chunk.toString();
        done();
      },
    });
    const protectedValues = new Set<string>();
    const logger = createLogger({ stream, secrets: protectedValues });
    logger.info(`early ${CLIENT_SECRET}`);
    protectedValues.add(CLIENT_SECRET);
    logger.error(`failed with ${CLIENT_SECRET} on /callback?code=baaca0d5-0044-424e-9311-16d3d754784f`);
    expect(output).toBe(`early ${CLIENT_SECRET}\nerror: failed with ${REDACTED} on /callback?code=${REDACTED}\n`);

    let plain = '';
    const unscrubbed = createLogger({ stream: new Writable({ write: (chunk: Buffer, _e, done) => ((plain += chunk.toString()), done()) }) });
    unscrubbed.info('code=1234567890');
    expect(plain).toBe('code=1234567890\n');
  });
});

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

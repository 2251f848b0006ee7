import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { test, expect } from '../../fixtures/index.js';
import { REDACTED, TOKEN_LEDGER_FILE, hashToken, redactArtifacts, scanArtifacts } from '../../lib/redaction/redact.js';

// Canaries: random per run, with the characters that make the encodings differ.
const id = randomBytes(4).toString('hex');
const PASSWORD = `Canary "pa55" !&/+ ${id}`;
const CLIENT_SECRET = `canary-client-secret-${id}`;
const REFRESH_TOKEN = randomBytes(48).toString('base64url');
const JWT = [{ alg: 'RS256' }, { sub: `canary-${id}`, token_use: 'id' }].map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).join('.') + '.c2lnbmF0dXJl';
const secrets = [
  { name: 'TEST_PASSWORD', value: PASSWORD },
  { name: 'OAUTH_CLIENT_SECRET', value: CLIENT_SECRET },
];
/** Everything a finding or a log line must never contain. */
const VALUES = [PASSWORD, encodeURIComponent(PASSWORD), new URLSearchParams({ p: PASSWORD }).toString().slice(2), CLIENT_SECRET, REFRESH_TOKEN, JWT, id];

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0, ...Buffer.from(PASSWORD)]);

function plant(root: string, path: string, content: string | Uint8Array): string {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

function traceZip(): Uint8Array {
  const basic = Buffer.from(`local-test-client:${encodeURIComponent(CLIENT_SECRET)}`).toString('base64');
  return zipSync({
    'trace.trace': strToU8(`${JSON.stringify({ type: 'after', callId: 'c1', result: { value: JWT } })}\n`),
    'trace.network': strToU8(`${JSON.stringify({ request: { headers: [{ name: 'authorization', value: `Basic ${basic}` }] } })}\n`),
    'resources/login-body.dat': strToU8(new URLSearchParams({ username: 'tester@example.com', password: PASSWORD }).toString()),
    'resources/token.txt': strToU8(`received ${REFRESH_TOKEN} from the token endpoint`),
    'resources/percent.txt': strToU8(`p=${encodeURIComponent(PASSWORD).toLowerCase().replace(/canary/i, 'Canary').replace(/pa55/i, 'pa55')}`),
    'screencast/frame.png': PNG,
  });
}

function htmlReport(): string {
  const data = zipSync({ 'report.json': strToU8(JSON.stringify({ title: `login with /login?p=${encodeURIComponent(PASSWORD)}` })) });
  return `<!DOCTYPE html><html><body><script>const app=1;</script><template id="playwrightReportBase64">data:application/zip;base64,${Buffer.from(data).toString('base64')}</template></body></html>`;
}

test.describe('scanArtifacts on planted secrets', () => {
  let root: string;

  test.beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'scan-artifacts-'));
  });

  test.afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  test('finds each form in files, zip entries and the embedded report data, naming file and kind only', async () => {
    const log = plant(root, 'health-artifacts/get-code.log', `signed in with ${PASSWORD}\n`);
    const junit = plant(root, 'reports/junit.xml', `<failure message="${PASSWORD.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"/>`);
    const result = plant(root, 'allure-results/a-result.json', JSON.stringify({ name: 'login', statusDetails: { message: PASSWORD } }));
    const b64url = plant(root, 'allure-results/b-attachment.txt', Buffer.from(`{"p":"${PASSWORD}"}`).toString('base64url'));
    const trace = plant(root, 'test-results/login/trace.zip', traceZip());
    const report = plant(root, 'playwright-report/index.html', htmlReport());
    const clean = plant(root, 'test-results/login/clean.json', JSON.stringify({ state: 'abc', status: 'passed' }));
    const screenshot = plant(root, 'test-results/login/test-finished-1.png', PNG);
    plant(root, `test-results/${TOKEN_LEDGER_FILE}`, `${hashToken(REFRESH_TOKEN)}\n`);

    const findings = await scanArtifacts([root], secrets);

    for (const expected of [
      { file: log, kind: 'TEST_PASSWORD (plain)' },
      { file: junit, kind: 'TEST_PASSWORD (html-escaped)' },
      { file: result, kind: 'TEST_PASSWORD (json-escaped)' },
      { file: trace, entry: 'resources/login-body.dat', kind: 'TEST_PASSWORD (url-encoded)' },
      { file: trace, entry: 'resources/percent.txt', kind: 'TEST_PASSWORD (url-encoded)' },
      { file: trace, entry: 'trace.network', kind: 'OAUTH_CLIENT_SECRET (base64)' },
      { file: trace, entry: 'trace.trace', kind: 'JWT-shaped token' },
      { file: trace, entry: 'resources/token.txt', kind: 'token seen in the run' },
      { file: report, entry: 'embedded zip › report.json', kind: 'TEST_PASSWORD (url-encoded)' },
    ]) {
      expect(findings).toContainEqual(expected);
    }
    expect(findings).toContainEqual({ file: b64url, kind: expect.stringMatching(/^TEST_PASSWORD \(base64(url)?\)$/) });
    // Binary content and clean files raise nothing; no finding carries a value.
    expect(findings.filter((finding) => finding.file === clean || finding.file === screenshot)).toEqual([]);
    expect(findings.filter((finding) => finding.entry === 'screencast/frame.png')).toEqual([]);
    const listed = JSON.stringify(findings);
    for (const value of VALUES) expect(listed).not.toContain(value);
    // Reading only: the scan changed nothing.
    expect(readFileSync(log, 'utf8')).toContain(PASSWORD);
  });

  test('with modifiedSince, redaction leaves files of earlier runs to the scan', async () => {
    const earlier = plant(root, 'allure-results/earlier-result.json', JSON.stringify({ message: PASSWORD }));
    utimesSync(earlier, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    const current = plant(root, 'allure-results/current-result.json', JSON.stringify({ message: PASSWORD }));
    expect(await redactArtifacts([root], secrets, { modifiedSince: Date.now() - 60_000 })).toEqual({ files: 1, replacements: 1 });
    expect(readFileSync(current, 'utf8')).toBe(JSON.stringify({ message: REDACTED }));
    expect(await scanArtifacts([root], secrets)).toEqual([{ file: earlier, kind: 'TEST_PASSWORD (json-escaped)' }]);
  });

  test('after redaction nothing is found, traces still unzip with their entries, binaries are untouched', async () => {
    const trace = plant(root, 'test-results/login/trace.zip', traceZip());
    const report = plant(root, 'playwright-report/index.html', htmlReport());
    const clean = plant(root, 'allure-results/clean.json', '{"status":"passed"}');
    plant(root, `test-results/${TOKEN_LEDGER_FILE}`, `${hashToken(REFRESH_TOKEN)}\n`);
    expect((await scanArtifacts([root], secrets)).length).toBeGreaterThan(0);

    const { files, replacements } = await redactArtifacts([root], secrets);
    expect(files).toBe(2);
    expect(replacements).toBeGreaterThanOrEqual(7);
    expect(await scanArtifacts([root], secrets)).toEqual([]);

    const entries = unzipSync(readFileSync(trace));
    expect(Object.keys(entries)).toEqual(['trace.trace', 'trace.network', 'resources/login-body.dat', 'resources/token.txt', 'resources/percent.txt', 'screencast/frame.png']);
    for (const name of ['trace.trace', 'trace.network']) {
      for (const line of strFromU8(entries[name] ?? new Uint8Array()).split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
    }
    expect(strFromU8(entries['resources/login-body.dat'] ?? new Uint8Array())).toBe(`username=tester%40example.com&password=${REDACTED}`);
    expect(entries['screencast/frame.png']).toEqual(PNG);

    const html = readFileSync(report, 'utf8');
    const base64 = /data:application\/zip;base64,([A-Za-z0-9+/=]+)/.exec(html)?.[1] ?? '';
    const reportJson = JSON.parse(strFromU8(unzipSync(Buffer.from(base64, 'base64'))['report.json'] ?? new Uint8Array()));
    expect(reportJson).toEqual({ title: `login with /login?p=${REDACTED}` });
    expect(html).toContain('<script>const app=1;</script>');
    expect(readFileSync(clean, 'utf8')).toBe('{"status":"passed"}');
  });
});

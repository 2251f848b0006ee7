/**
 * Credentials and tokens in a login service's URL never reach monitoring or output: a configuration
 * error caused by `https://svc:pw@…` still writes its metrics and pushes them (that is the point), but
 * labelled without the credentials; a targets file whose baseUrl carries a token in its query runs,
 * and no label, path, summary, webhook or JSON shows the token. Against a real Pushgateway.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify as toYaml } from 'yaml';
import { test, expect } from '../../fixtures/index.js';
import { freePort, startGateway, startWebhook, type Gateway } from './gateway.js';
import { runScript, type CliRun } from './run-cli.js';

test.use({ trace: 'off', screenshot: 'off' });
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const USER_PART = 'svc-canary-user';
const PASSWORD_PART = 'Canary-Url-Pw-4471';
const QUERY_TOKEN = 'Canary-Query-Tok-9052';

function expectNowhere(texts: Record<string, string>, canaries: string[]): void {
  for (const [where, text] of Object.entries(texts)) {
    for (const canary of canaries) expect(text, `${canary} in ${where}`).not.toContain(canary);
  }
}

const everything = (run: CliRun) => ({ stdout: run.stdout, stderr: run.stderr });

test.describe('no credentials or query from a URL in monitoring and output', { tag: '@linux-only' }, () => {
  let gateway: Gateway;

  test.beforeAll(async () => {
    gateway = await startGateway();
  });

  test.afterAll(async () => {
    await gateway?.stop();
  });

  test('credentials in OAUTH_BASE_URL: the configuration-error metrics, push and output are labelled without them', async ({}, testInfo) => {
    const dir = mkdtempSync(join(tmpdir(), `url-secrets-${testInfo.workerIndex}-`));
    const metricsFile = join(dir, 'login.prom');
    const summary = join(dir, 'summary.md');
    const port = await freePort();
    const run = await runScript('health-check', ['--metrics-file', metricsFile, '--pushgateway', gateway.url, '--summary-file', summary, '--json', '--quiet'], {
      OAUTH_BASE_URL: `https://${USER_PART}:${PASSWORD_PART}@127.0.0.1:${port}/?token=${QUERY_TOKEN}#${QUERY_TOKEN}`,
      HEALTH_STATE_FILE: join(dir, 'state.json'),
    });
    expect(run.exitCode, run.stderr).toBe(2);
    const metrics = readFileSync(metricsFile, 'utf8');
    // Written and pushed (the point of a configuration-error run) …
    expect(metrics).toContain(`target="https://127.0.0.1:${port}"`);
    const groups = await gateway.groups();
    expect(groups.map((group) => group.labels.target)).toContain(`https://127.0.0.1:${port}`);
    // … and nowhere the credentials or the query.
    expectNowhere({ ...everything(run), metrics, gateway: JSON.stringify(groups), scrape: await gateway.scrape() }, [USER_PART, PASSWORD_PART, QUERY_TOKEN]);
  });

  test('a token in a targets file baseUrl: labels, endpoint, summary, webhook and JSON are without it', async ({}, testInfo) => {
    const dir = mkdtempSync(join(tmpdir(), `url-secrets-${testInfo.workerIndex}-`));
    const webhook = await startWebhook();
    try {
      const port = await freePort();
      const file = join(dir, 'targets.yml');
      writeFileSync(
        file,
        toYaml({ targets: [{ name: 'closed-stage', baseUrl: `http://127.0.0.1:${port}/?token=${QUERY_TOKEN}`, clientId: 'c', redirectUri: 'http://localhost/callback', env: { username: 'U_VAR', password: 'P_VAR' } }] }),
      );
      const metricsFile = join(dir, 'login.prom');
      const summary = join(dir, 'summary.md');
      const artifacts = join(dir, 'artifacts');
      const run = await runScript(
        'health-check',
        ['--targets', file, '--metrics-file', metricsFile, '--pushgateway', gateway.url, '--summary-file', summary, '--json', '--timeout', '15000', '--artifacts-dir', artifacts],
        { U_VAR: 'someone@example.com', P_VAR: 'Some-Pa55word!', HEALTH_STATE_FILE: join(dir, 'state.json'), HEALTH_RETRIES: '0', HEALTH_WEBHOOK_URL: webhook.url },
      );
      expect(run.exitCode, run.stderr).toBe(5);
      const json = JSON.parse(run.stdout.trim().split('\n')[0] ?? '{}') as { endpoint?: string; target: string };
      expect(json.target).toBe('closed-stage');
      expect(json.endpoint).toBe(`http://127.0.0.1:${port}`);
      expect(webhook.bodies).toHaveLength(1);
      const files = readdirSync(dir, { recursive: true }).map(String).join('\n');
      expectNowhere(
        { ...everything(run), metrics: readFileSync(metricsFile, 'utf8'), summary: readFileSync(summary, 'utf8'), webhook: webhook.bodies.join('\n'), files, gateway: await gateway.scrape() },
        [QUERY_TOKEN],
      );
    } finally {
      await webhook.close();
    }
  });
});

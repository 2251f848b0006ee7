/**
 * Targets files, shards, per-target metrics and the Pushgateway grouping key, without a browser.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '../../fixtures/index.js';
import { RAYTEAMS_REGIONS } from '../../lib/config/rayteams.js';
import { mockSettingsFrom } from '../../mock-server/settings.js';
import { renderMetricsFor } from '../../lib/health/metrics.js';
import { healthResult } from './health-result.js';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { groupingPath, pushMetrics } from '../../lib/health/pushgateway.js';
import { loadTargets, MAX_TARGETS, parseShard, parseTargetsFile, shardOf, stateFileFor, type TargetsFileError } from '../../lib/health/targets.js';
import type { HealthResult } from '../../lib/health/types.js';
import { parsePrometheusText, sampleValue } from './prometheus-text.js';

const EMPTY_ENV_FILE = (() => {
  const file = join(mkdtempSync(join(tmpdir(), 'targets-env-')), 'empty.env');
  writeFileSync(file, '');
  return file;
})();

function file(text: string, name = 'targets.yml'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'targets-')), name);
  writeFileSync(path, text);
  return path;
}

test.describe('targets file', () => {
  test('the built-in region list is the 13 regions RayTeams documents', () => {
    expect(RAYTEAMS_REGIONS).toEqual(['ap-northeast-1', 'ap-northeast-2', 'us-east-1', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2', 'ca-central-1', 'eu-central-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-north-1', 'sa-east-1']);
  });

  test('each entry becomes a full configuration: its own URL, client, account from the named variables, state file', () => {
    const path = file(`
targets:
  - name: kr-dev
    region: ap-northeast-2
    stage: development
    clientId: kr-client
    redirectUri: https://app.example.com/callback
    apiCheck: true
    env: { username: KR_USERNAME, password: KR_PASSWORD, clientSecret: KR_CLIENT_SECRET }
  - name: local
    mock: { faults: slow-login=10, loginUi: managed }
`);
    const env = {
      KR_USERNAME: 'kr-tester@example.com',
      KR_PASSWORD: 'kr-Pa55word!',
      KR_CLIENT_SECRET: 'kr-secret',
      // Single-target variables never leak into a file's targets…
      TEST_USERNAME: 'global@example.com',
      OAUTH_BASE_URL: 'https://oauth-us-east-1-development.rayteams.com',
      // …but shared settings apply to every target.
      HEALTH_RETRIES: '3',
      HEALTH_STATE_FILE: 'state/health.json',
    };
    const [kr, local] = loadTargets(path, { env, envFile: EMPTY_ENV_FILE });
    expect(kr?.name).toBe('kr-dev');
    expect(kr?.config.target).toEqual({ kind: 'remote', baseUrl: 'https://oauth-ap-northeast-2-development.rayteams.com' });
    expect(kr?.config.client).toEqual({ id: 'kr-client', secret: 'kr-secret', redirectUri: 'https://app.example.com/callback' });
    expect(kr?.config.user).toEqual({ username: 'kr-tester@example.com', password: 'kr-Pa55word!' });
    expect(kr?.config.health).toMatchObject({ retries: 3, stateFile: 'state/health.kr-dev.json', api: { enabled: true, baseUrl: 'https://api-ap-northeast-2-user-development.rayteams.com/v1.0/' } });
    expect(kr?.config.secrets).toEqual(expect.arrayContaining(['kr-Pa55word!', 'kr-secret']));
    expect(local?.config.target).toMatchObject({ kind: 'embedded', baseUrl: undefined });
    expect(local?.config.user.username).toBe('tester@example.com');
    // The entry's mock settings reach the embedded server's own settings, read by its module.
    expect(local?.config.target.kind === 'embedded' ? mockSettingsFrom(local.config.target.settings) : undefined).toMatchObject({ loginUi: 'managed', faults: 'slow-login=10' });
    expect(local?.config.health.stateFile).toBe('state/health.local.json');
  });

  test('JSON works the same, and every problem of every entry is reported at once', () => {
    const path = file(JSON.stringify({ targets: [{ name: 'a', region: 'mars-1', stage: 'dev' }, { name: 'b', clientSecret: 'x' }, { nam: 'c' }] }), 'targets.json');
    expect(() => loadTargets(path, { env: {}, envFile: EMPTY_ENV_FILE })).toThrow(/targets\[0\] "a": region: unknown region.*targets\[1\] "b": clientSecret: secrets and accounts never go in the targets file.*targets\[2\]: name/s);
  });

  test('state files per target', () => {
    expect(stateFileFor('.health-state.json', 'kr-dev')).toBe('.health-state.kr-dev.json');
    expect(stateFileFor('state/last', 'kr-dev')).toBe('state/last.kr-dev');
  });
});

test.describe('shards', () => {
  test('K/N takes every N-th target from the K-th; all shards together cover each target once', () => {
    const targets = Array.from({ length: 13 }, (_, index) => `t${index}`);
    const shards = [1, 2, 3].map((index) => shardOf(targets, { index, total: 3 }));
    expect(shards[0]).toEqual(['t0', 't3', 't6', 't9', 't12']);
    expect(shards.flat().sort()).toEqual([...targets].sort());
    expect(parseShard('2/3')).toEqual({ index: 2, total: 3 });
    for (const bad of ['0/3', '4/3', '1/0', '1', 'a/b', '1/2/3']) expect(parseShard(bad), bad).toBeUndefined();
  });
});

test.describe('metrics of several targets', () => {
  const result = (target: string, overrides: Partial<HealthResult> = {}): HealthResult => healthResult({ target, ...overrides });

  test('one exposition: each family once, a sample per target; a configuration error is up 0 with reason config', () => {
    const text = renderMetricsFor([
      { kind: 'result', result: result('kr-dev'), lastSuccessAt: new Date('2025-01-02T03:04:05.000Z'), consecutiveFailures: 0 },
      { kind: 'result', result: result('eu-dev', { status: 'failed', reason: 'api_error', phases: { loginScreenMs: 300, signInMs: 700, tokenExchangeMs: 120, apiMs: 90, totalMs: 1_300 } }), lastSuccessAt: undefined, consecutiveFailures: 2 },
      { kind: 'config', target: 'us-dev', at: new Date('2025-01-02T03:04:05.000Z'), lastSuccessAt: undefined, consecutiveFailures: 0 },
    ]);
    const families = parsePrometheusText(text); // throws on a repeated HELP/TYPE
    expect(families.get('login_health_up')?.samples.map((s) => [s.labels.target, s.value])).toEqual([
      ['kr-dev', 1],
      ['eu-dev', 0],
      ['us-dev', 0],
    ]);
    expect(sampleValue(families, 'login_health_failure_reason', { target: 'eu-dev', reason: 'api_error' })).toBe(1);
    expect(sampleValue(families, 'login_health_failure_reason', { target: 'us-dev', reason: 'config' })).toBe(1);
    expect(sampleValue(families, 'login_health_phase_duration_seconds', { target: 'eu-dev', phase: 'api' })).toBe(0.09);
    expect(families.get('login_health_duration_seconds')?.samples.map((s) => s.labels.target)).toEqual(['kr-dev', 'eu-dev']);
    expect(families.get('login_health_consecutive_failures')?.samples.map((s) => [s.labels.target, s.value])).toEqual([
      ['kr-dev', 0],
      ['eu-dev', 2],
      ['us-dev', 0],
    ]);
  });
});

test.describe('Pushgateway grouping key', () => {
  test('plain where the URL allows it, base64url otherwise', () => {
    expect(groupingPath('login_health', { target: 'kr-dev' })).toBe('metrics/job/login_health/target/kr-dev');
    expect(groupingPath('login_health', { target: 'https://oauth-ap-northeast-2-development.rayteams.com' })).toBe(
      `metrics/job/login_health/target@base64/${Buffer.from('https://oauth-ap-northeast-2-development.rayteams.com').toString('base64url')}`,
    );
    expect(groupingPath('login_health', { target: '' })).toBe('metrics/job/login_health/target@base64/=');
  });
});

test.describe('Pushgateway push', () => {
  test('PUTs the text to the group URL, with basic auth taken out of the URL', async () => {
    const seen: Array<{ method: string | undefined; url: string | undefined; authorization: string | undefined; body: string }> = [];
    let answer = { status: 200, text: '' };
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        seen.push({ method: request.method, url: request.url, authorization: request.headers.authorization, body });
        response.writeHead(answer.status).end(answer.text);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      await pushMetrics(`http://ops:p%40ss@127.0.0.1:${port}/prefix`, 'kr-dev', '# TYPE x gauge\nx 1\n');
      expect(seen[0]).toEqual({ method: 'PUT', url: '/prefix/metrics/job/login_health/target/kr-dev', authorization: `Basic ${Buffer.from('ops:p@ss').toString('base64')}`, body: '# TYPE x gauge\nx 1\n' });
      answer = { status: 400, text: 'pushed metrics are invalid or inconsistent\nmore' };
      const error = await pushMetrics(`http://ops:p%40ss@127.0.0.1:${port}`, 'kr-dev', 'x 1\n').then(
        () => new Error('resolved'),
        (caught: unknown) => caught as Error,
      );
      expect(error.message).toBe(`Pushgateway at 127.0.0.1:${port} answered HTTP 400: pushed metrics are invalid or inconsistent`);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

test.describe('targets file limit', () => {
  const many = (count: number) => JSON.stringify({ targets: Array.from({ length: count }, (_, i) => ({ name: `t${i}` })) });

  test(`more than ${MAX_TARGETS} targets are refused with exit 2; ${MAX_TARGETS} are read`, () => {
    expect(MAX_TARGETS).toBe(500);
    expect(parseTargetsFile(file(many(500), 'targets.json'))).toHaveLength(500);
    const refused = (() => {
      try {
        parseTargetsFile(file(many(501), 'targets.json'));
        return undefined;
      } catch (error) {
        return error as TargetsFileError;
      }
    })();
    expect(refused?.exitCode).toBe(2);
    expect(refused?.message).toMatch(/more than 500 targets/);
  });
});

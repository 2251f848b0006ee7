/**
 * The suite's two tiers (playwright.config.ts, scripts/test.mjs): `npm test` runs the loop,
 * `npm run test:rest` the rest, and together they are the whole suite, each test exactly once. A
 * test file added to neither, or to both, fails here.
 */
import { test, expect } from '../../fixtures/index.js';
import { cleanEnv, run } from './run-cli.js';

const PLAYWRIGHT_CLI = 'node_modules/@playwright/test/cli.js';

/** `[project] › file:line:col › title` of every test a listing shows. */
function listed(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => /^\s+\[[\w-]+\] › /.test(line))
    .map((line) => line.trim());
}

async function listTier(tier: string): Promise<string[]> {
  const listing = await run(process.execPath, [PLAYWRIGHT_CLI, 'test', '--list'], cleanEnv({ HARNESS_TEST_TIER: tier }), 60_000);
  expect(listing.exitCode, listing.stderr).toBe(0);
  return listed(listing.stdout);
}

const projectOf = (entry: string) => entry.slice(1, entry.indexOf(']'));

test.describe('test tiers', () => {
  test('the loop and the rest split the whole suite: no test in both, none in neither', async () => {
    const [loop, rest, all] = await Promise.all([listTier('loop'), listTier('rest'), listTier('all')]);

    expect(loop.length).toBeGreaterThan(100);
    expect(rest.length).toBeGreaterThan(100);
    expect(loop.filter((entry) => rest.includes(entry))).toEqual([]);
    expect([...loop, ...rest].sort()).toEqual([...all].sort());
    // The loop starts no whole processes and no remote-stage project; the rest repeats no unit test.
    expect(new Set(loop.map(projectOf))).toEqual(new Set(['unit', 'mock-server', 'e2e']));
    expect(rest.map(projectOf).filter((project) => project === 'unit' || project === 'mock-server')).toEqual([]);
  });

  test('scripts/test.mjs hands its tier to Playwright, and refuses one it does not know', async () => {
    const viaScript = await run(process.execPath, ['scripts/test.mjs', 'rest', '--list'], cleanEnv(), 60_000);
    expect(viaScript.exitCode, viaScript.stderr).toBe(0);
    expect(listed(viaScript.stdout).sort()).toEqual((await listTier('rest')).sort());

    const unknown = await run(process.execPath, ['scripts/test.mjs', 'everything'], cleanEnv(), 10_000);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('usage: node scripts/test.mjs loop|rest|all');

    const badVariable = await run(process.execPath, [PLAYWRIGHT_CLI, 'test', '--list'], cleanEnv({ HARNESS_TEST_TIER: 'nightly' }), 60_000);
    expect(badVariable.exitCode).not.toBe(0);
    expect(badVariable.stderr + badVariable.stdout).toContain('HARNESS_TEST_TIER must be one of loop, rest, all; got "nightly"');
  });
});

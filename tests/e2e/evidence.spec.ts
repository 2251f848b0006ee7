/**
 * A failure screenshot is never taken of a page that still shows the password: not whole, not cut
 * into pieces across elements, not put back by a script after the fields were emptied. The evidence
 * says why it has no screenshot instead.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '../../fixtures/index.js';
import { saveFailureArtifacts } from '../../lib/health/artifacts.js';
import { runHealthCheck } from '../../lib/health/run.js';
import { summaryLine, toHealthJson } from '../../lib/health/report.js';
import { startForeignService, page as html, type ForeignService } from './foreign-screens/server.js';
import * as screens from './foreign-screens/screens.js';

// The evidence stops the context's trace itself; the runner's own would be in the way.
test.use({ trace: 'off', screenshot: 'off' });

const WITHHELD = 'screenshot withheld: the page shows the password';

/** The password cut into pieces of three, each in an element of its own, some inline, some blocks. */
function inPieces(password: string): string {
  const pieces = password.match(/.{1,3}/g) ?? [];
  return pieces.map((piece, index) => (index % 2 === 0 ? `<span>${piece}</span>` : `<div style="display:inline-block">${piece}</div>`)).join('');
}

test.describe('no screenshot of a page that shows the password', () => {
  let dir: string;

  test.beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'harness-evidence-'));
  });

  test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const password = `Canary-${randomBytes(6).toString('hex')}`;
  const shows = [
    { name: 'cut into pieces across elements', body: `<p>You typed ${inPieces(password)}</p>` },
    { name: 'in pieces across lines', body: `<ul>${(password.match(/.{1,4}/g) ?? []).map((piece) => `<li>${piece}</li>`).join('')}</ul>` },
    {
      name: 'put back by a script on every frame after the fields were emptied',
      body: `<p id="echo"></p><script>const pieces = ${JSON.stringify(password.match(/.{1,5}/g))}; (function again() { document.getElementById('echo').innerHTML = pieces.map((p) => '<b>' + p + '</b>').join(''); requestAnimationFrame(again); })();</script>`,
    },
  ];
  for (const { name, body } of shows) {
    test(`the password ${name}: no screenshot, and the evidence says why`, async ({ browser }) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.setContent(`<!doctype html><body>${body}</body>`);

      const evidence = await saveFailureArtifacts(context, page, { dir, attempt: 1, secrets: [password], password, redact: undefined, deadline: Date.now() + 10_000 });
      await context.close();

      expect(evidence.saved.filter((path) => path.endsWith('.png'))).toEqual([]);
      expect(evidence.notes).toContain(WITHHELD);
      expect(readdirSync(dir).filter((file) => file.endsWith('.png'))).toEqual([]);
      expect(evidence.notes.join('\n')).not.toContain(password);
    });
  }

  test('a page without the password is photographed (the check withholds nothing else)', async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.setContent(`<!doctype html><body><p>Incorrect username or password.</p><p>${inPieces('not-the-secret')}</p></body>`);

    const evidence = await saveFailureArtifacts(context, page, { dir, attempt: 1, secrets: [password], password, redact: undefined, deadline: Date.now() + 10_000 });
    await context.close();

    expect(evidence.saved.filter((path) => path.endsWith('.png'))).toHaveLength(1);
    expect(evidence.notes.filter((note) => note.startsWith('screenshot'))).toEqual([]);
  });
});

test.describe('the health check withholds the screenshot of a page that echoes the password', { tag: '@local-only' }, () => {
  let service: ForeignService | undefined;

  test.afterEach(async () => service?.close());

  test('its result says why, and nothing it prints holds the password', async ({ config, browser }) => {
    test.slow(); // a whole health check with its evidence, on a busy machine
    const dir = mkdtempSync(join(tmpdir(), 'harness-evidence-'));
    // The service answers the sign-in with a page that shows what was typed, in pieces.
    service = await startForeignService([{ ...screens.conventionalForm(config.user), respond: (form) => html('Oops', `<h1>Something went wrong</h1><p>${inPieces(form.get('passwd') ?? '')}</p>`) }]);
    try {
      const target = { ...config, target: { kind: 'embedded' as const, baseUrl: service.url }, selectors: { username: undefined, password: undefined, submit: undefined }, health: { ...config.health, retries: 0, stateFile: join(dir, 'state.json') } };

      const { result } = await runHealthCheck(target, { browser, timeoutMs: 20_000, artifactsDir: join(dir, 'artifacts') });

      expect(result.status).toBe('failed');
      expect(result.evidenceNotes).toContain(`attempt 1: ${WITHHELD}`);
      expect(result.artifacts.filter((path) => path.endsWith('.png'))).toEqual([]);
      const printed = [summaryLine(result), JSON.stringify(toHealthJson(result))].join('\n');
      expect(printed).toContain(WITHHELD);
      expect(printed).not.toContain(config.user.password);
      expect(result.artifacts.every((path) => existsSync(path))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

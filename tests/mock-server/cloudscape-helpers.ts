// Shared by the Cloudscape view's specs: the bundle built before they start, the page's JSON
// configuration, and a step's POST as the page's script sends it.
import type { APIRequestContext, APIResponse } from '@playwright/test';
import type { CloudscapePageConfig, StepAnswer } from '../../mock-server/cloudscape/protocol.js';
import type { MockServer } from '../../mock-server/index.js';
import { authorizeQuery, expect, test } from './helpers.js';

/**
 * dist/cloudscape/ is what the server sends to the browser: build it when its sources changed (a
 * few seconds the first time, milliseconds after), as the bin does before every command.
 */
export function withCloudscapeBundle(): void {
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    const builder = new URL('../../scripts/build-cloudscape.mjs', import.meta.url).href;
    const { ensureCloudscapeBundle } = (await import(builder)) as { ensureCloudscapeBundle: (root: string) => Promise<boolean> };
    await ensureCloudscapeBundle(new URL('../..', import.meta.url).pathname);
  });
}

export function pageConfig(html: string): CloudscapePageConfig {
  const match = /<script type="application\/json" id="login-config">([^<]*)<\/script>/.exec(html);
  expect(match, 'the page carries its configuration as a JSON data block').not.toBeNull();
  return JSON.parse(match?.[1] ?? '{}') as CloudscapePageConfig;
}

/** GET /login: the page, its configuration, and the server-rendered markup inside the root element. */
export async function openCloudscapeLogin(api: APIRequestContext, server: MockServer, query = authorizeQuery()) {
  const response = await api.get(`${server.url}/login?${query}`);
  expect(response.status()).toBe(200);
  const html = await response.text();
  const markup = /<div id="root">([\s\S]*?)<\/div>\n<script type="application\/json"/.exec(html)?.[1] ?? '';
  return { response, html, markup, config: pageConfig(html) };
}

/** A step's POST as the page's fetch() sends it: form-encoded, JSON accepted, the CSRF token in a header. */
export async function postStep(api: APIRequestContext, server: MockServer, action: string, csrf: string, fields: Record<string, string>): Promise<{ response: APIResponse; answer: StepAnswer }> {
  const response = await api.post(`${server.url}${action}`, { form: fields, headers: { Accept: 'application/json', 'X-CSRF-Token': csrf } });
  const answer = (await response.json().catch(() => ({}))) as StepAnswer;
  return { response, answer };
}

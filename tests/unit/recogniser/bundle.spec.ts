/**
 * The in-page recogniser is bundled (scripts/recogniser-bundle.mjs) into one function that must run
 * in any page: no helper a compiler adds outside it, no string evaluated inside it, as new as its sources.
 */
import { test, expect } from '../../../fixtures/index.js';
import { IN_PAGE_SOURCE, RECOGNISER_SOURCES_HASH } from '../../../pages/recogniser/generated/in-page-source.js';
import { ensureRecogniserBundle, recogniserSourcesHash } from '../../../scripts/recogniser-bundle.mjs';

test.describe('the in-page recogniser bundle', () => {
  test('is one self-contained function: no __name helper, no eval, no Function constructor', () => {
    expect(IN_PAGE_SOURCE.startsWith('(request) => {')).toBe(true);
    expect(IN_PAGE_SOURCE).not.toContain('__name');
    expect(IN_PAGE_SOURCE).not.toMatch(/\beval\(|new Function|\bFunction\(/);
    expect(IN_PAGE_SOURCE).not.toMatch(/\brequire\(|\bimport\(/);
  });

  test('is built from the sources as they are now', async () => {
    await ensureRecogniserBundle();
    expect(RECOGNISER_SOURCES_HASH).toBe(recogniserSourcesHash());
  });
});

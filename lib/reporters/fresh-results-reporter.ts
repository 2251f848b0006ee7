/**
 * A Playwright reporter placed before allure-playwright: at the start of a real run it empties
 * allure-results/, so the report shows this run and nothing left from earlier runs (a 3-test run
 * once showed "258 skipped" from an earlier `--list`). The folder itself stays: the Allure
 * reporter may already hold it open.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Reporter } from '@playwright/test/reporter';

export default class FreshResultsReporter implements Reporter {
  private readonly dir: string;

  constructor(options: { resultsDir?: string } = {}) {
    this.dir = options.resultsDir ?? 'allure-results';
  }

  onBegin(): void {
    let entries: string[];
    try {
      entries = readdirSync(this.dir);
    } catch {
      return;
    }
    for (const entry of entries) rmSync(join(this.dir, entry), { recursive: true, force: true });
  }

  printsToStdio(): boolean {
    return false;
  }
}

/**
 * A Playwright reporter that redacts the run's artifacts once everything is written. It must be
 * the LAST reporter in playwright.config.ts: reporters' onEnd run in list order, and the HTML and
 * JUnit reporters write their files in onEnd (allure-playwright writes during the run). It finds the
 * folders from the configuration itself: every project's outputDir (traces, screenshots) and the
 * output of the html, junit, json, blob and allure-playwright reporters, plus any `paths` given.
 */
import { dirname, resolve } from 'node:path';
import type { FullConfig, FullResult, Reporter } from '@playwright/test/reporter';
import { loadConfig } from '../config/config.js';
import { configuredSecrets, redactArtifacts, type NamedSecret } from '../redaction/redact.js';

export interface RedactReporterOptions {
  /** more files or folders to redact, relative to the configuration's folder */
  paths?: string[];
}

type ReporterOptions = Record<string, unknown> | undefined;

const text = (options: ReporterOptions, key: string): string | undefined => {
  const value = options?.[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
};

/** Where this configuration's run leaves artifacts: output folders and reporter outputs. */
export function artifactPaths(config: FullConfig, extra: readonly string[] = []): string[] {
  const configDir = config.configFile ? dirname(config.configFile) : config.rootDir;
  const paths = config.projects.map((project) => project.outputDir);
  for (const [name, options] of config.reporter as ReadonlyArray<readonly [string, ReporterOptions]>) {
    // The same defaults and variables the reporters themselves use.
    if (name === 'html') paths.push(resolve(configDir, text(options, 'outputFolder') ?? process.env.PLAYWRIGHT_HTML_OUTPUT_DIR ?? 'playwright-report'));
    if (name === 'junit' || name === 'json') {
      const file = text(options, 'outputFile') ?? process.env[`PLAYWRIGHT_${name.toUpperCase()}_OUTPUT_FILE`];
      if (file) paths.push(resolve(configDir, file));
    }
    if (name === 'blob') paths.push(resolve(configDir, text(options, 'outputDir') ?? 'blob-report'));
    // allure-playwright resolves its folder against the working directory. Playwright hands
    // package reporters over by their resolved path (…/node_modules/allure-playwright/dist/…).
    if (name === 'allure-playwright' || /[\\/]allure-playwright[\\/]/.test(name)) paths.push(resolve(text(options, 'resultsDir') ?? 'allure-results'));
  }
  paths.push(...extra.map((path) => resolve(configDir, path)));
  return [...new Set(paths)];
}

export default class RedactReporter implements Reporter {
  readonly #options: RedactReporterOptions;
  #paths: string[] = [];
  #secrets: NamedSecret[] = [];
  #startedAt = 0;

  constructor(options: RedactReporterOptions = {}) {
    this.#options = options;
  }

  printsToStdio(): boolean {
    return false;
  }

  onBegin(config: FullConfig): void {
    // Shared folders (allure-results keeps earlier runs locally) are redacted for this run's files
    // only; `npm run scan-artifacts` still checks everything, and its --redact cleans the rest.
    this.#startedAt = Date.now() - 2000; // slack for coarse file-system timestamps
    this.#paths = artifactPaths(config, this.#options.paths);
    this.#secrets = configuredSecrets(loadConfig());
  }

  async onEnd(): Promise<{ status?: FullResult['status'] } | undefined> {
    try {
      const { files, replacements } = await redactArtifacts(this.#paths, this.#secrets, { modifiedSince: this.#startedAt });
      process.stderr.write(`redact: ${replacements} secret occurrence(s) replaced in ${files} artifact file(s)\n`);
      return undefined;
    } catch (error) {
      // Unredacted artifacts must not look like a green run that is safe to upload.
      process.stderr.write(`redact: failed, artifacts may hold secrets: ${error instanceof Error ? error.message : String(error)}\n`);
      return { status: 'failed' };
    }
  }
}

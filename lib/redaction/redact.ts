/**
 * Secrets out of every artifact. Playwright records what a run did: DOM snapshots hold the typed
 * password, network resources hold the POST /login body and token responses, step titles and
 * errors hold callback URLs with codes; allure-playwright, the HTML report and JUnit copy all of it.
 * This module replaces them with REDACTED before anything is uploaded, and scans for what is left.
 *
 * What counts as a secret:
 * - the configured secrets (TEST_PASSWORD, OAUTH_CLIENT_SECRET, TOTP secrets), by value, in every
 *   form they travel in: plain, URL/form-encoded, JSON/HTML-escaped, base64 at any alignment;
 * - tokens the run received, by the SHA-256 hashes in the run's ledger (token-ledger.ts), and any
 *   JWT/JWE-shaped string;
 * - values under secret names: code, code_verifier, *_token, client_secret, password, and
 *   Basic/Bearer credentials.
 */
import type { HarnessConfig } from '../config/config.js';
import { collectArtifacts, transformFile, type ArtifactLocation } from './artifacts.js';
import { applyTextRules, type NamedSecret, type RedactionMode, type SecretInput } from './text-rules.js';

export { REDACTED } from './marker.js';
export { secretForms } from './secret-forms.js';
export { MIN_REDACTED_SECRET_LENGTH } from './text-rules.js';
export { TOKEN_LEDGER_FILE, hashToken, recordOneTimeCodes, recordSeenTokens } from './token-ledger.js';
export type { NamedSecret, RedactionMode, SecretInput } from './text-rules.js';

/** What a run of this harness can leave behind (relative to the project); missing folders are skipped. */
export const DEFAULT_ARTIFACT_PATHS: readonly string[] = ['test-results', 'playwright-report', 'allure-results', 'allure-report', 'reports', 'blob-report', 'health-artifacts'];

export interface RedactOptions {
  /** SHA-256 hashes of tokens to treat as secrets, besides those in ledgers found under the paths */
  tokenHashes?: Iterable<string>;
  /** `values` skips the name-based rules (for text that is program code); default `full` */
  mode?: RedactionMode;
  /** redactArtifacts: only files written since this time (epoch ms), e.g. the start of a run */
  modifiedSince?: number;
}

/** The configured secrets with the variable names a finding may show. */
export function configuredSecrets(config: Pick<HarnessConfig, 'secrets' | 'user' | 'client' | 'health'>): NamedSecret[] {
  const nameOf = (value: string) =>
    value === config.user.password ? 'TEST_PASSWORD' : value === config.client.secret ? 'OAUTH_CLIENT_SECRET' : value === config.health.webhookUrl ? 'HEALTH_WEBHOOK_URL' : 'TEST_TOTP_SECRET';
  return config.secrets.map((value) => ({ name: nameOf(value), value }));
}

/**
 * `text` with every secret replaced by REDACTED: the given secrets in all their forms, JWT-shaped
 * tokens, and values under secret names (code=, code_verifier=, "refresh_token": …, Basic …).
 */
export function redactText(text: string, secrets: readonly SecretInput[], options: RedactOptions = {}): string {
  return applyTextRules(text, { secrets, tokenHashes: toSet(options.tokenHashes), mode: options.mode ?? 'full' }).text;
}

/** The kinds of secret in `text` (one entry per occurrence), never their values. */
export function findSecrets(text: string, secrets: readonly SecretInput[], options: RedactOptions = {}): string[] {
  const kinds: string[] = [];
  applyTextRules(text, { secrets, tokenHashes: toSet(options.tokenHashes), mode: options.mode ?? 'full' }, (kind) => kinds.push(kind));
  return kinds;
}

/**
 * Redacts every file under `paths` (files or folders) in place: text files, zip entries (traces)
 * and the HTML report's embedded data. Files without secrets are left byte-identical.
 */
export async function redactArtifacts(paths: readonly string[], secrets: readonly SecretInput[], options: RedactOptions = {}): Promise<{ files: number; replacements: number }> {
  const { files, tokenHashes } = await collectArtifacts(paths, { modifiedSince: options.modifiedSince });
  for (const hash of options.tokenHashes ?? []) tokenHashes.add(hash);
  let changedFiles = 0;
  let replacements = 0;
  for (const file of files) {
    const changed = await transformFile(file, (text, _location, mode) => {
      const result = applyTextRules(text, { secrets, tokenHashes, mode });
      replacements += result.replacements;
      return result.text;
    });
    if (changed) changedFiles += 1;
  }
  return { files: changedFiles, replacements };
}

export interface ArtifactFinding extends ArtifactLocation {
  /** what was found and in which form, e.g. "TEST_PASSWORD (url-encoded)", "JWT-shaped token" */
  kind: string;
}

/** What redaction would still replace under `paths`: one finding per file, entry and kind. Reads only. */
export async function scanArtifacts(paths: readonly string[], secrets: readonly SecretInput[], options: RedactOptions = {}): Promise<ArtifactFinding[]> {
  const { files, tokenHashes } = await collectArtifacts(paths);
  for (const hash of options.tokenHashes ?? []) tokenHashes.add(hash);
  const findings = new Map<string, ArtifactFinding>();
  for (const file of files) {
    // The transform returns the text unchanged, so transformFile never writes.
    await transformFile(file, (text, location, mode) => {
      applyTextRules(text, { secrets, tokenHashes, mode }, (kind) => {
        const key = JSON.stringify([location.file, location.entry ?? '', kind]);
        if (!findings.has(key)) findings.set(key, { ...location, kind });
      });
      return text;
    });
  }
  return [...findings.values()];
}

/** A finding as one line: `file › entry: kind`. Never contains the secret. */
export function describeFinding(finding: ArtifactFinding): string {
  return `${finding.file}${finding.entry === undefined ? '' : ` › ${finding.entry}`}: ${finding.kind}`;
}

function toSet(hashes: Iterable<string> | undefined): Set<string> | undefined {
  return hashes === undefined ? undefined : new Set(hashes);
}

/**
 * npm run scan-artifacts: the last gate before artifacts are uploaded. Searches every artifact
 * folder (traces and their zip entries, the HTML report and its embedded data, Allure results,
 * JUnit XML, health-check artifacts) for the run's secrets in any form, and fails listing the file
 * and the kind of secret, never the value.
 */
import { existsSync } from 'node:fs';
import { commandLine, runCli, SHARED_EXIT_CODES_HELP } from './cli.js';
import { COMMON_FLAGS, envFileOption, parseFlags } from '../config/command-line.js';
import { loadConfig } from '../config/config.js';
import { HarnessError } from '../errors.js';
import { DEFAULT_ARTIFACT_PATHS, configuredSecrets, describeFinding, redactArtifacts, scanArtifacts } from '../redaction/redact.js';

/** Exit code when secrets were found (0: none, 2: usage or configuration error). */
const SECRETS_FOUND = 1;

const help = (run: string) => `Usage: ${run} [options]

Searches the run's artifacts for secrets and exits 1 when it finds any, listing each file (and zip
entry) with the kind of secret, never its value. It looks for the configured TEST_PASSWORD,
OAUTH_CLIENT_SECRET and TEST_TOTP_SECRET (plain, URL/form-encoded, JSON/HTML-escaped, base64 at any
alignment), tokens recorded as seen during the run (by hash), JWT/JWE-shaped tokens, and values
under secret names (code=, code_verifier=, "refresh_token": ..., Basic/Bearer credentials).

Options:
  --path PATH          a file or folder to scan; repeatable
                       (default: ${DEFAULT_ARTIFACT_PATHS.join(', ')})
  --redact             redact the artifacts in place first (e.g. after a run that crashed
                       before its redaction reporter ran), then scan
  --format text|json   text: one "file › entry: kind" line per finding (default); json: one object
  --env-file PATH      read variables from PATH instead of .env
  --quiet, -q          no summary on stderr
  --help, -h           this text

Exit codes: 0 no secrets found, 1 secrets found, 2 usage or configuration error (also a --path
that does not exist), ${SHARED_EXIT_CODES_HELP}`;

/** The scan-artifacts command: parses its flags from process.argv and exits with the documented code. */
export function runScanArtifacts(): void {
  runCli(async ({ logger, protectSecrets }) => {
    const { values } = parseFlags(process.argv.slice(2), {
      path: { type: 'string', multiple: true },
      redact: { type: 'boolean', default: false },
      format: { type: 'string', default: 'text' },
      ...COMMON_FLAGS,
    });
    if (values.help) {
      process.stdout.write(`${help(commandLine('scan-artifacts'))}\n`);
      return 0;
    }
    if (values.format !== 'text' && values.format !== 'json') {
      throw new HarnessError('usage', `--format must be one of text, json, got "${values.format}"`);
    }
    // A mistyped --path would otherwise scan nothing and pass the gate: only the default folders
    // may be missing (a run that wrote no report).
    const missing = (values.path ?? []).filter((path) => !existsSync(path));
    if (missing.length > 0) throw new HarnessError('usage', `--path ${missing.map((path) => `"${path}"`).join(', ')}: no such file or folder, nothing scanned`);
    const config = loadConfig(envFileOption(values));
    protectSecrets(config.secrets);
    const secrets = configuredSecrets(config);
    const paths = values.path && values.path.length > 0 ? values.path : [...DEFAULT_ARTIFACT_PATHS];

    if (values.redact) {
      const { files, replacements } = await redactArtifacts(paths, secrets);
      logger.info(`redacted ${replacements} secret occurrence(s) in ${files} file(s)`);
    }
    const findings = await scanArtifacts(paths, secrets);
    if (values.format === 'json') {
      process.stdout.write(`${JSON.stringify({ clean: findings.length === 0, findings })}\n`);
    } else {
      for (const finding of findings) process.stdout.write(`${describeFinding(finding)}\n`);
    }
    if (findings.length > 0) {
      logger.error(`${findings.length} secret finding(s) in ${new Set(findings.map((f) => f.file)).size} file(s) under ${paths.join(', ')}: do not upload these artifacts`);
      return SECRETS_FOUND;
    }
    logger.info(`no secrets found under ${paths.join(', ')}`);
    return 0;
  });
}

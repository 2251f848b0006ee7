/**
 * A Node pipeline using the harness as a library, exactly as its README shows. It imports the
 * package by name, so `npx tsc --noEmit` checks the published types through package.json
 * "exports", and get-code-pipeline.spec.ts runs a copy from a separate consumer project.
 * Usage: tsx get-code-library-consumer.ts [ENV_FILE]
 */
import { FAILURE_EXIT_CODES, TokenEndpointError, exchangeCode, getAuthorizationCode, isHarnessError, loadConfig, type SingleCode, type TokenResponse } from 'rayteams-login-harness';

const envFile = process.argv[2];
const config = loadConfig(envFile ? { envFile } : {});
try {
  const result: SingleCode = await getAuthorizationCode({ config, timeoutMs: 20_000 });
  const tokens: TokenResponse = await exchangeCode(result, { clientSecret: config.client.secret });
  // A code is good once: redeeming it again must be refused with invalid_grant.
  const again = await exchangeCode(result, { clientSecret: config.client.secret }).then(
    () => 'accepted',
    (error: unknown) => (error instanceof TokenEndpointError ? (error.error ?? 'no error field') : String(error)),
  );
  process.stdout.write(`${JSON.stringify({ code: result.code, expiresAt: result.expiresAt.toISOString(), tokenType: tokens.token_type, again })}\n`);
} catch (error) {
  if (!isHarnessError(error)) throw error;
  process.stderr.write(`error: ${error.message} [${error.reason}]\n`);
  process.exitCode = FAILURE_EXIT_CODES[error.reason];
}

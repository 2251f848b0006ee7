// The same step in TypeScript under tsx, in a default `npm init -y` project (CommonJS, so no
// top-level await): npx tsx pipeline.ts
import { getAuthorizationCode, isHarnessError, type SingleCode } from 'rayteams-login-harness';

async function main(): Promise<void> {
  const result: SingleCode = await getAuthorizationCode({ timeoutMs: 30_000 });
  console.log(JSON.stringify({ code: result.code, codeVerifier: result.codeVerifier, expiresAt: result.expiresAt }));
}

main().catch((error: unknown) => {
  console.error(isHarnessError(error) ? `${error.message} [${error.reason}]` : error);
  process.exitCode = isHarnessError(error) ? error.exitCode : 1;
});

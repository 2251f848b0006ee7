// A pipeline step in plain JavaScript (README "Installing as a package"): node pipeline.mjs
import { getAuthorizationCode } from 'rayteams-login-harness';

const { code, codeVerifier, expiresAt } = await getAuthorizationCode({ timeoutMs: 30_000 });
console.log(JSON.stringify({ code, codeVerifier, expiresAt }));

/**
 * The authorize request both bench references send: the same shape get-code sends (client,
 * redirect URI, a fresh state, PKCE S256), so all measured processes ask the server for the same work.
 *
 * The references stand apart from lib/ on purpose: they are what a person would write in a hurry,
 * the yardstick get-code is measured against, so they read process.env directly and check nothing.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface ReferenceSetting {
  baseUrl: string;
  clientId: string;
  redirectUri: string;
  username: string;
  password: string;
}

export function referenceSetting(env: NodeJS.ProcessEnv = process.env): ReferenceSetting {
  const read = (name: string): string => {
    const value = env[name];
    if (!value) {
      process.stderr.write(`reference script: ${name} is not set (the bench sets it)\n`);
      process.exit(2);
    }
    return value;
  };
  return {
    baseUrl: read('OAUTH_BASE_URL'),
    clientId: read('OAUTH_CLIENT_ID'),
    redirectUri: read('OAUTH_REDIRECT_URI'),
    username: read('TEST_USERNAME'),
    password: read('TEST_PASSWORD'),
  };
}

export function authorizeUrl(setting: ReferenceSetting): string {
  const verifier = randomBytes(32).toString('base64url');
  const url = new URL('/oauth2/authorize', setting.baseUrl);
  url.search = new URLSearchParams({
    client_id: setting.clientId,
    response_type: 'code',
    redirect_uri: setting.redirectUri,
    state: randomBytes(16).toString('base64url'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

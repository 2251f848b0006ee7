import type { MockClient, MockUser } from './types.js';

export const DEFAULT_CLIENT: MockClient = Object.freeze({
  clientId: 'local-test-client',
  clientSecret: 'local-test-secret',
  redirectUris: Object.freeze(['http://localhost/callback', 'http://localhost/callback-alt']) as string[],
  logoutUris: Object.freeze(['http://localhost/logout']) as string[],
});

export const DEFAULT_USER: MockUser = Object.freeze({
  username: 'tester@example.com',
  password: 'Local-Pa55word!',
});

/**
 * The default user's authenticator secret (base32), used when a user has TOTP MFA
 * and no secret of its own. Give the harness the same value as TEST_TOTP_SECRET.
 */
export const DEFAULT_TOTP_SECRET = 'KRSXG5CSMF4VIZLBNVZUY33DMFWE2RSB';

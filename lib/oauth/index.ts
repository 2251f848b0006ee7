export * from './authorize.js';
export * from './callback.js';
export * from './pkce.js';
export * from './token-client.js';
export * from './endpoints.js';
export * from './id-token.js';
export * from './redeem.js';

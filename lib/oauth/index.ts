export * from './authorize.js';
export * from './callback.js';
export * from './pkce.js';
export * from './token-client.js';

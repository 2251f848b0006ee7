/**
 * The package's public API for Node pipelines. The package entry (scripts/library-entry.ts, built to
 * dist/index.js with these types) re-exports it with the embedded local server registered; it
 * imports from plain `node` (ESM) and from TypeScript under tsx alike.
 */
export { exchangeCode, getAuthorizationCode, getAuthorizationCodes } from './api.js';
export type { AuthorizationResult, CodeBatch, GetAuthorizationCodeOptions, SingleCode, TokenResponse } from './api.js';
export { codeRecord } from './commands/code-output.js';
export { loadConfig, type HarnessConfig, type LoadConfigOptions } from './config/config.js';
export { registerEmbeddedServer, type EmbeddedRegistration, type EmbeddedServer, type EmbeddedServerModule, type RunningEmbeddedServer } from './config/embedded.js';
export { FAILURE_EXIT_CODES, HarnessError, isHarnessError, type FailureReason } from './errors.js';
export { createLogger, type Logger } from './platform/log.js';
export { TokenEndpointError } from './oauth/token-client.js';
export type { Endpoints } from './oauth/endpoints.js';
export type { TotpClock } from './journey/totp.js';
export { saveSignedInState, type SaveSignedInStateOptions, type SignedInState } from './journey/storage-state.js';

/**
 * The package entry (package.json "exports" ".") for Node pipelines. It is TypeScript source: run
 * the consumer under tsx (`node --import tsx`, `npx tsx`) or another TypeScript loader; see README.
 */
export { exchangeCode, getAuthorizationCode, getAuthorizationCodes } from './api.js';
export type { AuthorizationResult, CodeBatch, GetAuthorizationCodeOptions, SingleCode, TokenResponse } from './api.js';
export { codeRecord } from './code-output.js';
export { loadConfig, type HarnessConfig, type LoadConfigOptions } from './config.js';
export { FAILURE_EXIT_CODES, HarnessError, isHarnessError, type FailureReason } from './errors.js';
export { createLogger, type Logger } from './log.js';
export { TokenEndpointError } from './oauth/token-client.js';
export { saveSignedInState, type SaveSignedInStateOptions, type SignedInState } from './storage-state.js';

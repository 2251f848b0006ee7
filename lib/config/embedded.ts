/**
 * The embedded login service, seen from the library: an interface, and the one a command line or
 * test entry registers. The library never imports the server it signs in at locally (it stands for
 * the remote service; sharing code with it would hide a bug on both sides), so the entries
 * (scripts/, fixtures/, playwright.config.ts, the package entry) hand it over through
 * registerEmbeddedServer(). The server's own settings (its screen shape, faults, ...) are read and
 * checked by its module and carried through the configuration unread.
 */
import { HarnessError } from '../errors.js';
import type { Env } from './environment.js';

export interface EmbeddedClient {
  clientId: string;
  clientSecret?: string;
  redirectUris: string[];
  logoutUris?: string[];
}

export interface EmbeddedUser {
  username: string;
  password: string;
  totpSecret?: string;
}

/** What the harness asks the embedded server to register: exactly the configured client and user. */
export interface EmbeddedRegistration {
  clients: EmbeddedClient[];
  users: EmbeddedUser[];
  codeTtlSeconds: number;
  /** the server's own settings as its module read them (EmbeddedServerModule.readSettings); passed through unread */
  settings?: unknown;
  /** 0 or absent: any free port */
  port?: number;
  host?: string;
  /** request log lines (never carrying a secret) */
  log?: (line: string) => void;
}

export interface RunningEmbeddedServer {
  /** origin without a trailing slash */
  url: string;
  close(): Promise<void>;
  /** its OpenID discovery document, read in-process (undefined when it publishes none) */
  discoveryDocument?(): Record<string, unknown> | undefined;
}

export type EmbeddedServer = (registration: EmbeddedRegistration) => Promise<RunningEmbeddedServer>;

export interface EmbeddedServerModule {
  /**
   * The server's settings from the environment (its own variables, e.g. MOCK_FAULTS), checked by its
   * own schema: called by loadConfig, so a bad setting is a configuration error (exit 2) before any
   * browser or server starts. Problems name the variable, never a value.
   */
  readSettings(env: Env): { settings: unknown; problems: Array<{ variable: string; problem: string }> };
  /** Starts a server; entries may load the server's code lazily here. */
  start: EmbeddedServer;
}

let registered: EmbeddedServerModule | undefined;

/** Called by an entry (a command, the fixtures, the package entry); undefined unregisters (tests). */
export function registerEmbeddedServer(module: EmbeddedServerModule | undefined): void {
  registered = module;
}

export function registeredEmbeddedServer(): EmbeddedServerModule | undefined {
  return registered;
}

export function embeddedServerOrFail(): EmbeddedServerModule {
  if (registered === undefined) {
    throw new HarnessError(
      'config',
      'no login service to sign in at: set OAUTH_BASE_URL (or RAYTEAMS_REGION and RAYTEAMS_STAGE), or import the package entry, which provides the embedded local server',
    );
  }
  return registered;
}

/**
 * The local defaults: the client and user an unconfigured harness signs in as, the ones the embedded
 * server registers. The mock server keeps its own copy (it imports nothing from here);
 * tests/unit/house-rules.spec.ts checks that the two agree.
 */
export const LOCAL_DEFAULTS: Readonly<{ clientId: string; clientSecret: string; redirectUri: string; username: string; password: string }> = Object.freeze({
  clientId: 'local-test-client',
  clientSecret: 'local-test-secret',
  redirectUri: 'http://localhost/callback',
  username: 'tester@example.com',
  password: 'Local-Pa55word!',
});

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClientRegistry } from './clients.js';
import type { ServerContext } from './context.js';
import { DEFAULT_CLIENT, DEFAULT_USER } from './defaults.js';
import { resolveFaults } from './faults.js';
import { HttpError, sendHtml, sendText } from './http.js';
import { ROUTES } from './routes/index.js';
import { discoveryDocument } from './routes/well-known.js';
import { CodeStore } from './store/codes.js';
import { LockoutStore } from './store/lockouts.js';
import { RefreshTokenStore } from './store/refresh-tokens.js';
import { SessionStore } from './store/sessions.js';
import { TokenSigner } from './tokens.js';
import { LOGIN_UIS, USER_MFAS, USER_STATUSES, type LoginUi, type MockServer, type MockServerOptions } from './types.js';
import { UserDirectory } from './users.js';
import { FlowStore } from './flows.js';
import { isLang } from './i18n.js';
import { emptyStats } from './stats.js';
import { TotpLedger } from './totp.js';
import { notFoundPage } from './views/error-pages.js';

function checkLoginUi(ui: string): LoginUi {
  if (!(LOGIN_UIS as readonly string[]).includes(ui)) {
    throw new Error(`Unknown login UI "${ui}": expected one of ${LOGIN_UIS.join(', ')}`);
  }
  return ui as LoginUi;
}

function oneOf<T extends string>(name: string, value: T | undefined, allowed: readonly T[]): T | undefined {
  if (value !== undefined && !allowed.includes(value)) {
    throw new Error(`Unknown ${name} "${value}": expected one of ${allowed.join(', ')}`);
  }
  return value;
}

/** An OAuth error code (RFC 6749 §5.2 charset) or `random`. */
function errorCode(value: string | undefined): string {
  const code = value ?? 'redirect_mismatch';
  if (!/^[a-z][a-z0-9_]*$/.test(code)) throw new Error(`unknownClientError must look like an OAuth error code, got "${code}"`);
  return code;
}

function positive(name: string, value: number, allowZero = false): number {
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new Error(`${name} must be a positive number, got ${value}`);
  }
  return value;
}

/** The origin clients should use: wildcard binds are reached via loopback. */
function originFor(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  const bracketed = reachable.includes(':') ? `[${reachable}]` : reachable;
  return `http://${bracketed}:${port}`;
}

async function dispatch(req: IncomingMessage, res: ServerResponse, ctx: ServerContext): Promise<void> {
  const target = req.url ?? '/';
  const queryAt = target.indexOf('?');
  const pathname = queryAt === -1 ? target : target.slice(0, queryAt);
  const rawQuery = queryAt === -1 ? '' : target.slice(queryAt + 1).split('#', 1)[0] ?? '';

  const route = ROUTES[pathname];
  if (route === undefined) return sendHtml(res, 404, notFoundPage());
  const method = req.method === 'GET' || req.method === 'POST' ? req.method : undefined;
  const handler = method === undefined ? undefined : route[method];
  if (handler === undefined) {
    return sendText(res, 405, 'Method Not Allowed', { Allow: Object.keys(route).join(', ') });
  }
  await handler(req, res, { rawQuery, query: new URLSearchParams(rawQuery) }, ctx);
}

export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const host = options.host ?? '127.0.0.1';
  // Real time plus whatever a test moved it forward by (advanceClock), unless a clock is given.
  let skewMs = 0;
  const now = options.clock ?? (() => Date.now() + skewMs);
  const ctx: ServerContext = {
    url: '',
    clients: new ClientRegistry(options.clients ?? [DEFAULT_CLIENT]),
    users: new UserDirectory(options.users ?? [DEFAULT_USER]),
    codes: new CodeStore(positive('codeTtlSeconds', options.codeTtlSeconds ?? 300) * 1000, now),
    sessions: new SessionStore(positive('sessionTtlSeconds', options.sessionTtlSeconds ?? 3600) * 1000, now),
    lockouts: new LockoutStore(
      positive('lockoutThreshold', options.lockoutThreshold ?? 5),
      positive('lockoutBaseMs', options.lockoutBaseMs ?? 2000, true),
      now,
    ),
    refreshTokens: new RefreshTokenStore(),
    // The issuer is read lazily because the port is only known after listen().
    signer: new TokenSigner(() => ctx.url),
    flows: new FlowStore(now),
    totp: new TotpLedger(now),
    pool: {
      userMfa: oneOf('userMfa', options.userMfa, USER_MFAS),
      userStatus: oneOf('userStatus', options.userStatus, USER_STATUSES) ?? 'CONFIRMED',
      signInChoice: options.signInChoice ?? false,
      passkeyOffer: options.passkeyOffer ?? false,
      unknownClientError: errorCode(options.unknownClientError),
    },
    stats: emptyStats(),
    faults: resolveFaults(options.faults),
    loginUi: checkLoginUi(options.loginUi ?? 'classic'),
    loginLang: options.loginLang === undefined ? 'en' : isLang(options.loginLang) ? options.loginLang : 'en',
    log: options.log ?? (() => {}),
    sendIssuer: options.sendIssuer ?? false,
    now,
  };

  const server = createServer((req, res) => {
    const started = Date.now();
    // Path only: queries carry state, codes and PKCE values that must not reach logs.
    const path = (req.url ?? '/').split('?', 1)[0];
    res.on('finish', () => ctx.log(`${req.method ?? '?'} ${path} ${res.statusCode} ${Date.now() - started}ms`));
    dispatch(req, res, ctx).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (status === 500) ctx.log(`error handling ${req.method ?? '?'} ${path}: ${(error as Error)?.message ?? String(error)}`);
      if (!res.headersSent && !res.destroyed) sendText(res, status, status === 500 ? 'Internal Server Error' : (error as Error).message);
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  ctx.url = originFor(host, port);

  let closing: Promise<void> | undefined;
  return {
    url: ctx.url,
    port,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets from browsers would otherwise hold close() open.
        server.closeAllConnections();
      });
      return closing;
    },
    discoveryDocument() {
      return ctx.faults.discovery404 ? undefined : discoveryDocument(ctx);
    },
    setFaults(faults) {
      ctx.faults = resolveFaults(faults);
    },
    setLoginUi(ui) {
      ctx.loginUi = checkLoginUi(ui);
    },
    stats() {
      return { ...ctx.stats };
    },
    resetStats() {
      ctx.stats = emptyStats();
    },
    advanceClock(ms) {
      if (options.clock !== undefined) throw new Error('advanceClock: this server runs on the clock it was given');
      skewMs += ms;
    },
  };
}

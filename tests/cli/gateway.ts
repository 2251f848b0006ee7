/**
 * A real Prometheus Pushgateway (Debian's prometheus-pushgateway) on a free port, with its own
 * persistence file, for the CLI specs that push to it, and a small recorder standing in for a chat
 * webhook.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from '../../fixtures/index.js';
import { findExecutable } from '../unit/monitoring-tools.js';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

export interface Gateway {
  url: string;
  /** the gateway's groups of job login_health, as its API returns them */
  groups(): Promise<Array<{ labels: Record<string, string>; [metric: string]: unknown }>>;
  /** everything the gateway would serve to Prometheus */
  scrape(): Promise<string>;
  stop(): Promise<void>;
}

export async function startGateway(): Promise<Gateway> {
  const binary = findExecutable(['prometheus-pushgateway', 'pushgateway'], 'prometheus-pushgateway');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const persistence = join(mkdtempSync(join(tmpdir(), 'gateway-')), 'metrics.store');
  let log = '';
  const gateway: ChildProcess = spawn(binary, [`--web.listen-address=127.0.0.1:${port}`, `--persistence.file=${persistence}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  gateway.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  await expect.poll(async () => fetch(`${url}/-/ready`).then((r) => r.status, () => 0), { timeout: 15_000, message: `Pushgateway did not start: ${log}` }).toBe(200);
  return {
    url,
    async groups() {
      const body = (await (await fetch(`${url}/api/v1/metrics`)).json()) as { data: Array<{ labels: Record<string, string> }> };
      return body.data.filter((group) => group.labels.job === 'login_health');
    },
    scrape: async () => (await fetch(`${url}/metrics`)).text(),
    async stop() {
      if (gateway.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => gateway.once('exit', () => resolve()));
      gateway.kill('SIGTERM');
      await exited;
    },
  };
}

export interface Webhook {
  url: string;
  bodies: string[];
  close(): Promise<void>;
}

export async function startWebhook(): Promise<Webhook> {
  const bodies: string[] = [];
  const server = createHttpServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    bodies,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * `--pushgateway URL`: the same metrics pushed to a Prometheus Pushgateway, for runs on machines
 * that do not stay (a CI runner is gone a minute later; a textfile there is never scraped). One
 * group per target under job "login_health", replaced (PUT) on every run, so a target's series
 * always describe its last check. The Pushgateway adds push_time_seconds per group.
 */
import { HarnessError } from '../errors.js';
import { safeLabel } from '../redaction/safe-url.js';

export const PUSHGATEWAY_JOB = 'login_health';

/** A grouping-key value in the URL path: plain when safe, else base64url (`target@base64/…`) as the Pushgateway API allows. */
export function groupingPath(job: string, labels: Readonly<Record<string, string>>): string {
  const segment = (name: string, value: string) =>
    /^[A-Za-z0-9._~-]+$/.test(value) ? `${name}/${value}` : `${name}@base64/${Buffer.from(value, 'utf8').toString('base64url') || '='}`;
  return ['metrics', segment('job', job), ...Object.entries(labels).map(([name, value]) => segment(name, value))].join('/');
}

/** The gateway URL without credentials, and the Authorization header they become (fetch refuses credentials in a URL). */
function endpoint(gatewayUrl: string, path: string): { url: URL; headers: Record<string, string> } {
  const base = gatewayUrl.endsWith('/') ? gatewayUrl : `${gatewayUrl}/`;
  const url = new URL(path, base);
  const headers: Record<string, string> = {};
  // A gateway behind basic auth: https://user:password@host.
  if (url.username !== '' || url.password !== '') {
    headers.authorization = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
    url.username = '';
    url.password = '';
  }
  return { url, headers };
}

/** One request to the gateway; throws HarnessError('network') naming the host only, never the credentials. */
async function call(gatewayUrl: string, path: string, init: { method: string; headers?: Record<string, string>; body?: string }, timeoutMs: number): Promise<string> {
  const { url, headers } = endpoint(gatewayUrl, path);
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { ...headers, ...init.headers }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new HarnessError('network', `Pushgateway at ${url.host} could not be reached (${error instanceof Error ? error.name : 'error'})`, { cause: error });
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) {
    const answer = text.split('\n')[0]?.slice(0, 200) ?? '';
    throw new HarnessError('network', `Pushgateway at ${url.host} answered HTTP ${response.status}${answer ? `: ${answer}` : ''}`);
  }
  return text;
}

/** PUTs `text` (Prometheus text format) as the group of `target`. Throws HarnessError('network') naming the host only. */
export async function pushMetrics(gatewayUrl: string, target: string, text: string, timeoutMs = 10_000): Promise<void> {
  await call(gatewayUrl, groupingPath(PUSHGATEWAY_JOB, { target: safeLabel(target) }), { method: 'PUT', headers: { 'content-type': 'text/plain; version=0.0.4' }, body: text }, timeoutMs);
}

/**
 * Deletes the groups of targets that are gone from the targets file (removed, renamed, or a broken
 * file's stand-in), so their last values stop being served and alerted on forever. Only groups this
 * check pushes are touched: job login_health with exactly a `target` label beside it. A gateway's
 * login_health job therefore belongs to one targets file. Returns the targets deleted.
 */
export async function deleteGoneTargets(gatewayUrl: string, current: ReadonlySet<string>, timeoutMs = 10_000): Promise<string[]> {
  const body = JSON.parse(await call(gatewayUrl, 'api/v1/metrics', { method: 'GET' }, timeoutMs)) as { data?: Array<{ labels?: Record<string, string> }> };
  const kept = new Set([...current].map((target) => safeLabel(target)));
  const gone = (body.data ?? [])
    .map((group) => group.labels ?? {})
    .filter((labels) => labels.job === PUSHGATEWAY_JOB && labels.target !== undefined && Object.keys(labels).length === 2 && !kept.has(labels.target))
    .map((labels) => labels.target ?? '');
  await Promise.all(gone.map((target) => call(gatewayUrl, groupingPath(PUSHGATEWAY_JOB, { target }), { method: 'DELETE' }, timeoutMs)));
  return gone.sort();
}

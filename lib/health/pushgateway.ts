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

/** PUTs `text` (Prometheus text format) as the group of `target`. Throws HarnessError('network') naming the host only. */
export async function pushMetrics(gatewayUrl: string, target: string, text: string, timeoutMs = 10_000): Promise<void> {
  const base = gatewayUrl.endsWith('/') ? gatewayUrl : `${gatewayUrl}/`;
  const url = new URL(groupingPath(PUSHGATEWAY_JOB, { target: safeLabel(target) }), base);
  const headers: Record<string, string> = { 'content-type': 'text/plain; version=0.0.4' };
  // A gateway behind basic auth: https://user:password@host. fetch refuses credentials in the URL.
  if (url.username !== '' || url.password !== '') {
    headers.authorization = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
    url.username = '';
    url.password = '';
  }
  let response: Response;
  try {
    response = await fetch(url, { method: 'PUT', headers, body: text, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new HarnessError('network', `Pushgateway at ${url.host} could not be reached (${error instanceof Error ? error.name : 'error'})`, { cause: error });
  }
  const answer = (await response.text().catch(() => '')).split('\n')[0]?.slice(0, 200) ?? '';
  if (!response.ok) throw new HarnessError('network', `Pushgateway at ${url.host} answered HTTP ${response.status}${answer ? `: ${answer}` : ''}`);
}

/**
 * Chat alerts: a Slack-compatible `{ "text": ... }` POST to HEALTH_WEBHOOK_URL when the login starts
 * failing and when it recovers. Degraded counts as working: slowness shows in the metrics, it does
 * not page anyone.
 */
import { safeText } from '../redaction/output-text.js';
import { safeLabel } from '../redaction/safe-url.js';
import type { HealthState } from './state.js';
import type { HealthResult } from './types.js';

export type AlertKind = 'failure' | 'recovery';

const isFailing = (status: HealthState['status'] | undefined) => status === 'failed';

/** No previous state counts as working, so the first failure alerts and the first success does not. */
export function alertFor(previous: HealthState | undefined, result: Pick<HealthResult, 'status'>): AlertKind | undefined {
  const wasFailing = isFailing(previous?.status);
  const failing = isFailing(result.status);
  if (failing && !wasFailing) return 'failure';
  if (!failing && wasFailing) return 'recovery';
  return undefined;
}

const where = (result: HealthResult) => safeText(safeLabel(result.target), 200);

export function alertText(kind: AlertKind, result: HealthResult, previous: HealthState | undefined): string {
  if (kind === 'failure') {
    const attempts = result.attempts === 1 ? '1 attempt' : `${result.attempts} attempts`;
    return `:red_circle: RayTeams login is failing at ${where(result)}: ${result.reason ?? 'unknown'} after ${attempts}. ${safeText(result.message ?? '', 2_000)}`.trim();
  }
  const since = previous ? ` (failing since ${previous.since})` : '';
  return `:large_green_circle: RayTeams login recovered at ${where(result)}: ${result.status} in ${result.phases.totalMs} ms${since}.`;
}

/** Throws on a network error or a non-2xx answer; the message names the host only (the URL path is the webhook's secret). */
export async function postAlert(webhookUrl: string, text: string, timeoutMs = 10_000): Promise<void> {
  const host = new URL(webhookUrl).host;
  let response: Response;
  try {
    response = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new Error(`webhook at ${host} could not be reached: ${error instanceof Error ? error.name : 'error'}`, { cause: error });
  }
  await response.body?.cancel();
  if (!response.ok) throw new Error(`webhook at ${host} answered HTTP ${response.status}`);
}

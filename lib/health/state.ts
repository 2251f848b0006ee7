/**
 * The last status, kept between scheduled runs in HEALTH_STATE_FILE, so the webhook fires when the
 * status changes (failure, recovery) instead of every 15 minutes, and the metrics can say when the
 * last success was.
 */
import { readFile, rename } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../platform/atomic-file.js';

const stateSchema = z.object({
  status: z.enum(['healthy', 'degraded', 'failed']),
  /** when the status last changed between failing and not failing */
  since: z.string(),
  last_success_at: z.string().nullable(),
  /** failed runs since the last one that signed in; absent in files of older versions */
  failures_in_a_row: z.number().int().nonnegative().optional(),
});

export type HealthState = z.infer<typeof stateSchema>;

/**
 * undefined when there is no state yet or it cannot be read: the check then behaves as after a
 * success. A file that is there but not a state (truncated, edited by hand) is moved aside, not
 * silently replaced: it may hold the last success and the status an alert depends on, and someone
 * should know it was lost. `warn` is told where it went.
 */
export async function readHealthState(path: string, warn: (message: string) => void = () => undefined): Promise<HealthState | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  let parsed: ReturnType<typeof stateSchema.safeParse> | undefined;
  try {
    parsed = stateSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = undefined;
  }
  if (parsed?.success) return parsed.data;
  const aside = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  try {
    await rename(path, aside);
    warn(`the health state file ${path} could not be read (not a state); moved aside to ${aside}, starting afresh`);
  } catch (error) {
    warn(`the health state file ${path} could not be read (not a state) nor moved aside (${error instanceof Error ? error.message : String(error)}); starting afresh`);
  }
  return undefined;
}

/**
 * Failed runs in a row, this one included: what LoginHealthFailing waits for (two), so one failure
 * the next run settles pages nobody. A state file without the count says only whether the run
 * before failed.
 */
export function failuresInARow(previous: HealthState | undefined, failed: boolean): number {
  if (!failed) return 0;
  const before = previous?.failures_in_a_row ?? (previous?.status === 'failed' ? 1 : 0);
  return before + 1;
}

export async function writeHealthState(path: string, state: HealthState): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(state, null, 2)}\n`);
}

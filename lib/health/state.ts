/**
 * The last status, kept between scheduled runs in HEALTH_STATE_FILE, so the webhook fires when the
 * status changes (failure, recovery) instead of every 15 minutes, and the metrics can say when the
 * last success was.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../platform/atomic-file.js';

const stateSchema = z.object({
  status: z.enum(['healthy', 'degraded', 'failed']),
  /** when the status last changed between failing and not failing */
  since: z.string(),
  last_success_at: z.string().nullable(),
});

export type HealthState = z.infer<typeof stateSchema>;

/** undefined when there is no state yet or it cannot be read: the check then behaves as after a success. */
export async function readHealthState(path: string): Promise<HealthState | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = stateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export async function writeHealthState(path: string, state: HealthState): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(state, null, 2)}\n`);
}

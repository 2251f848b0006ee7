/**
 * Turns timed runs into the bench's result: medians (and min/max) per measurement, the target ratios,
 * the table on stdout and the shape of bench-results.json.
 */

/** base: get-code of another commit (--baseline); ui:NAME: get-code against the local server drawing that login UI (--login-ui). */
export type MeasurementId = 'a' | 'a-direct' | 'i' | 'b' | 'c' | 'd' | 'base' | `ui:${string}`;

export interface Measurement {
  id: MeasurementId;
  title: string;
  /** the command line as run, relative to the repository */
  command: string;
  runsMs: number[];
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** CPU time of each run's process tree (Chromium included); null where not measurable */
  cpuRunsMs: Array<number | null>;
  cpuMedianMs: number | null;
}

export interface Ratio {
  /** e.g. "a/b": median of the first over median of the second, from this one run of the bench */
  value: number | null;
  /** the same ratio of CPU medians: steadier than wall time when other work shares the machine */
  cpuValue: number | null;
  /** the issue's target, when it sets one: the ratio must not exceed it */
  target: number | null;
  met: boolean | null;
  note?: string;
}

export interface HealthPhases {
  available: boolean;
  note?: string;
  /** medians over the bench's runs, as the health check's --json reports them */
  phasesMs?: Record<string, number | null>;
  runs?: number;
}

export interface BenchResult {
  schemaVersion: 1;
  createdAt: string;
  commit: string | null;
  machine: { cpus: number; loadAverageBefore: number[]; loadAverageAfter: number[]; node: string; platform: string };
  browser: { source: string; executablePath: string | null };
  settings: { runs: number; warmup: number; count: number; baseline?: string; loginUis?: string[] };
  measurements: Measurement[];
  /** 'a/b', 'i/b', 'a/c', 'd/a', and with --baseline / --login-ui 'a-direct/base', 'ui:NAME/a-direct' */
  ratios: Record<string, Ratio>;
  healthCheck: HealthPhases;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function summarise(id: MeasurementId, title: string, command: string, runs: ReadonlyArray<{ ms: number; cpuMs: number | null }>): Measurement {
  const rounded = runs.map((run) => Math.round(run.ms));
  const cpu = runs.map((run) => run.cpuMs);
  const knownCpu = cpu.filter((ms): ms is number => ms !== null);
  return {
    id,
    title,
    command,
    runsMs: rounded,
    medianMs: Math.round(median(rounded)),
    minMs: Math.min(...rounded),
    maxMs: Math.max(...rounded),
    cpuRunsMs: cpu,
    cpuMedianMs: knownCpu.length === cpu.length && cpu.length > 0 ? Math.round(median(knownCpu)) : null,
  };
}

export function ratio(numerator: Measurement | undefined, denominator: Measurement | undefined, target: number | null, missing?: string): Ratio {
  if (!numerator || !denominator || denominator.medianMs <= 0) {
    return { value: null, cpuValue: null, target, met: null, note: missing ?? 'not measured' };
  }
  const value = twoDecimals(numerator.medianMs / denominator.medianMs);
  const cpuValue = numerator.cpuMedianMs !== null && denominator.cpuMedianMs ? twoDecimals(numerator.cpuMedianMs / denominator.cpuMedianMs) : null;
  return { value, cpuValue, target, met: target === null ? null : value <= target };
}

export function renderTable(result: BenchResult): string {
  const lines: string[] = [];
  const { machine, settings } = result;
  lines.push(
    `bench: ${settings.runs} run(s) after ${settings.warmup} warm-up, ${machine.cpus} CPUs, load ${machine.loadAverageBefore[0]?.toFixed(2)} → ${machine.loadAverageAfter[0]?.toFixed(2)}, Node ${machine.node}, browser ${result.browser.source}${result.browser.executablePath ? ` (${result.browser.executablePath})` : ''}`,
    '',
  );
  const width = Math.max(...result.measurements.map((m) => m.title.length), 10);
  const idWidth = Math.max(...result.measurements.map((m) => m.id.length + 3), 11);
  lines.push(`${''.padEnd(idWidth)}${'measurement'.padEnd(width)}  ${'median'.padStart(8)}  ${'min'.padStart(8)}  ${'max'.padStart(8)}  ${'CPU'.padStart(8)}`);
  for (const m of result.measurements) {
    lines.push(`${`(${m.id})`.padEnd(idWidth)}${m.title.padEnd(width)}  ${ms(m.medianMs)}  ${ms(m.minMs)}  ${ms(m.maxMs)}  ${m.cpuMedianMs === null ? '—'.padStart(8) : ms(m.cpuMedianMs)}`);
  }
  const ratioWidth = Math.max(...Object.keys(result.ratios).map((name) => name.length), 5);
  lines.push('', `${'ratio'.padEnd(ratioWidth)}  ${'wall'.padStart(6)}  ${'CPU'.padStart(6)}  target (on wall time)`);
  for (const [name, r] of Object.entries(result.ratios)) {
    const target = r.target === null ? '' : `≤ ${r.target} ${r.met ? 'met' : 'MISSED'}`;
    lines.push(`${name.padEnd(ratioWidth)}  ${fixed(r.value)}  ${fixed(r.cpuValue)}  ${target}${r.note ? `  (${r.note})` : ''}`);
  }
  lines.push('');
  const health = result.healthCheck;
  if (health.available && health.phasesMs) {
    const phases = Object.entries(health.phasesMs).map(([name, value]) => `${name} ${value === null ? '—' : value}`);
    lines.push(`health check phases (median of ${health.runs ?? 0}): ${phases.join(', ')}`);
  } else {
    lines.push(`health check phases: unavailable (${health.note ?? 'not run'})`);
  }
  return `${lines.join('\n')}\n`;
}

function twoDecimals(value: number): number {
  return Math.round(value * 100) / 100;
}

function fixed(value: number | null): string {
  return (value === null ? '—' : value.toFixed(2)).padStart(6);
}

function ms(value: number): string {
  return `${value} ms`.padStart(8);
}

/**
 * `health-check --targets FILE`: many regions and stages in one run. The file (YAML or JSON) names
 * each target's login service, client and redirect URI, and the NAMES of the environment variables
 * that hold its account and secrets: never the secrets themselves, so the file can be committed.
 *
 * Each entry becomes an ordinary HarnessConfig through lib/config/config.ts (the one place the environment
 * is read and checked): the entry's fields are laid over the environment in place of the
 * single-target variables, so every default and check applies per target. Problems name the entry
 * and the field, never a value.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { defaultHealthStateFile } from '../config/state-dir.js';
import { ConfigError, EMBEDDED_URL_VARIABLE, loadConfig, readEnvironment, type HarnessConfig, type LoadConfigOptions } from '../config/config.js';
import { RAYTEAMS_REGIONS } from '../config/rayteams.js';

/** Upper-case letters, digits and "_": what CI systems and shells name variables. Anything else looks like a value. */
const VARIABLE_NAME = /^[A-Z_][A-Z0-9_]*$/;
const INLINE_VALUE = 'looks like a value, not the NAME of an environment variable (upper-case letters, digits and _); secrets never go in the targets file';

const variableName = z.string().regex(VARIABLE_NAME, INLINE_VALUE);

const targetSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'letters, digits, ".", "_" and "-", at most 63, starting with a letter or digit'),
  region: z.enum(RAYTEAMS_REGIONS, { message: `unknown region; expected one of ${RAYTEAMS_REGIONS.join(', ')}` }).optional(),
  stage: z.string().optional(),
  baseUrl: z.string().optional(),
  clientId: z.string().optional(),
  redirectUri: z.string().optional(),
  env: z
    .strictObject({
      // Not secrets, but often kept beside them (CI secrets): may come from a variable too.
      clientId: variableName.optional(),
      redirectUri: variableName.optional(),
      username: variableName.optional(),
      password: variableName.optional(),
      clientSecret: variableName.optional(),
      totpSecret: variableName.optional(),
    })
    .optional(),
  apiCheck: z.boolean().optional(),
  apiUrl: z.string().optional(),
  degradedMs: z.number().int().positive().optional(),
  /** only for a target without region/baseUrl: the embedded server this target starts */
  mock: z.strictObject({ faults: z.string().optional(), loginUi: z.string().optional() }).optional(),
});

export type TargetEntry = z.infer<typeof targetSchema>;

/**
 * The most targets one file may hold. Each is a full login in a browser context; far more than any
 * region-and-stage matrix needs, and a bound on what a mistaken (or generated) file can start.
 */
export const MAX_TARGETS = 500;

const fileSchema = z.strictObject({ targets: z.array(z.unknown()).min(1, 'needs at least one target').max(MAX_TARGETS, `more than ${MAX_TARGETS} targets; split the file (or use --shard on several machines)`) });

/** Keys that would put a secret into the file; refused with a pointer to `env`. */
const SECRET_KEYS: Readonly<Record<string, string>> = {
  password: 'env.password',
  username: 'env.username',
  clientSecret: 'env.clientSecret',
  client_secret: 'env.clientSecret',
  secret: 'env.clientSecret',
  totpSecret: 'env.totpSecret',
  totp_secret: 'env.totpSecret',
  token: 'env',
};

export interface HealthTarget {
  name: string;
  config: HarnessConfig;
}

/** Where each target keeps its last status: HEALTH_STATE_FILE with the target's name before ".json". */
export function stateFileFor(base: string, name: string): string {
  return base.endsWith('.json') ? `${base.slice(0, -'.json'.length)}.${name}.json` : `${base}.${name}`;
}

/** Which entry field stands for each single-target variable, for error messages. */
const FIELD_OF: Readonly<Record<string, string>> = {
  OAUTH_BASE_URL: 'baseUrl',
  RAYTEAMS_REGION: 'region',
  RAYTEAMS_STAGE: 'stage',
  OAUTH_CLIENT_ID: 'clientId',
  OAUTH_REDIRECT_URI: 'redirectUri',
  TEST_USERNAME: 'env.username',
  TEST_PASSWORD: 'env.password',
  OAUTH_CLIENT_SECRET: 'env.clientSecret',
  TEST_TOTP_SECRET: 'env.totpSecret',
  HEALTH_API_CHECK: 'apiCheck',
  RAYTEAMS_API_URL: 'apiUrl',
  HEALTH_DEGRADED_MS: 'degradedMs',
  MOCK_FAULTS: 'mock.faults',
  MOCK_LOGIN_UI: 'mock.loginUi',
  HEALTH_STATE_FILE: 'name',
};

/** The targets file's own problems: `targets[1] "kr-dev": region: unknown region…` */
export class TargetsFileError extends ConfigError {
  /** by position in the file: the entries' names where they could be read, for the configuration-error metrics */
  readonly targetNames: ReadonlyArray<string | undefined>;

  constructor(file: string, problems: ReadonlyArray<{ variable: string; problem: string }>, targetNames: ReadonlyArray<string | undefined>) {
    super(problems.map((p) => ({ variable: `${file}: ${p.variable}`, problem: p.problem })));
    this.name = 'TargetsFileError';
    this.targetNames = targetNames;
  }
}

function readDocument(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new TargetsFileError(file, [{ variable: '--targets', problem: 'cannot read the file' }], []);
  }
  try {
    return file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    // The parser's own words: position and kind of the syntax error, no content.
    const why = error instanceof Error ? (error.message.split('\n')[0] ?? 'syntax error') : 'syntax error';
    throw new TargetsFileError(file, [{ variable: '--targets', problem: `not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${why}` }], []);
  }
}

const entryLabel = (index: number, name: unknown) => `targets[${index}]${typeof name === 'string' && name !== '' ? ` "${name}"` : ''}`;

/** Reads and checks the file's shape: every problem of every entry at once. */
export function parseTargetsFile(file: string): TargetEntry[] {
  const document = readDocument(file);
  const shape = fileSchema.safeParse(document);
  if (!shape.success) {
    throw new TargetsFileError(
      file,
      shape.error.issues.map((issue) => ({ variable: issue.path.join('.') || 'file', problem: issue.message })),
      [],
    );
  }
  const problems: Array<{ variable: string; problem: string }> = [];
  const entries: TargetEntry[] = [];
  const seen = new Map<string, number>();
  const names: Array<string | undefined> = [];
  shape.data.targets.forEach((raw, index) => {
    const name = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)['name'] : undefined;
    names.push(typeof name === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(name) && !names.includes(name) ? name : undefined);
    const where = entryLabel(index, name);
    if (typeof raw === 'object' && raw !== null) {
      for (const key of Object.keys(raw)) {
        const instead = SECRET_KEYS[key];
        if (instead !== undefined) problems.push({ variable: `${where}: ${key}`, problem: `secrets and accounts never go in the targets file; put the NAME of the variable that holds it under ${instead}` });
      }
    }
    const parsed = targetSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        // An unknown key that is a secret's was reported above, with better advice.
        if (issue.code === 'unrecognized_keys' && issue.path.length === 0 && issue.keys.every((key) => SECRET_KEYS[key] !== undefined)) continue;
        problems.push({ variable: `${where}: ${issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : 'entry')}`, problem: issue.message });
      }
      return;
    }
    const entry = parsed.data;
    if (entry.clientId !== undefined && entry.env?.clientId !== undefined) problems.push({ variable: `${where}: env.clientId`, problem: 'give either clientId or env.clientId, not both' });
    if (entry.redirectUri !== undefined && entry.env?.redirectUri !== undefined) problems.push({ variable: `${where}: env.redirectUri`, problem: 'give either redirectUri or env.redirectUri, not both' });
    const remote = entry.region !== undefined || entry.stage !== undefined || entry.baseUrl !== undefined;
    if (entry.baseUrl !== undefined && (entry.region !== undefined || entry.stage !== undefined)) problems.push({ variable: `${where}: baseUrl`, problem: 'give either baseUrl or region and stage, not both' });
    if (remote && entry.mock !== undefined) problems.push({ variable: `${where}: mock`, problem: 'only a local target (no region, stage or baseUrl) starts the embedded server that mock settings are for' });
    const first = seen.get(entry.name);
    if (first !== undefined) problems.push({ variable: `${where}: name`, problem: `used again (first at targets[${first}]); names must be unique, they key metrics and alert state` });
    else seen.set(entry.name, index);
    entries.push(entry);
  });
  if (problems.length > 0) throw new TargetsFileError(file, problems, names);
  return entries;
}

/** The single-target variables a targets file replaces; blank means "not set" to lib/config/config.ts. */
const PER_TARGET_VARIABLES = Object.keys(FIELD_OF).filter((variable) => variable !== 'HEALTH_STATE_FILE');

/**
 * Each entry as a HarnessConfig: the environment (and .env) with the entry in place of the
 * single-target variables. Settings the file does not give (retries, webhook, thresholds, browser)
 * stay as the environment says.
 */
export function loadTargets(file: string, options: LoadConfigOptions = {}, shard?: Shard): HealthTarget[] {
  // The whole file is checked; only the shard's own entries need their variables (a CI shard gets only its secrets).
  const all = parseTargetsFile(file);
  const entries = shardOf(all, shard);
  const base = readEnvironment(options);
  const baseStateFile = base['HEALTH_STATE_FILE']?.trim() || defaultHealthStateFile(base);
  const problems: Array<{ variable: string; problem: string }> = [];
  const targets: HealthTarget[] = [];
  entries.forEach((entry, index) => {
    const where = entryLabel(index, entry.name);
    const env: Record<string, string | undefined> = { ...base };
    for (const variable of PER_TARGET_VARIABLES) env[variable] = '';
    // Each local target starts its own embedded server, with its own mock settings.
    env[EMBEDDED_URL_VARIABLE] = '';
    const set = (variable: string, value: string | number | boolean | undefined) => {
      if (value !== undefined) env[variable] = String(value);
    };
    set('OAUTH_BASE_URL', entry.baseUrl);
    set('RAYTEAMS_REGION', entry.region);
    set('RAYTEAMS_STAGE', entry.stage);
    set('OAUTH_CLIENT_ID', entry.clientId);
    set('OAUTH_REDIRECT_URI', entry.redirectUri);
    set('HEALTH_API_CHECK', entry.apiCheck ?? base['HEALTH_API_CHECK']);
    set('RAYTEAMS_API_URL', entry.apiUrl);
    set('HEALTH_DEGRADED_MS', entry.degradedMs ?? base['HEALTH_DEGRADED_MS']);
    set('MOCK_FAULTS', entry.mock?.faults);
    set('MOCK_LOGIN_UI', entry.mock?.loginUi);
    env['HEALTH_STATE_FILE'] = stateFileFor(baseStateFile, entry.name);
    const fromEnv: Array<[keyof NonNullable<TargetEntry['env']>, string]> = [
      ['clientId', 'OAUTH_CLIENT_ID'],
      ['redirectUri', 'OAUTH_REDIRECT_URI'],
      ['username', 'TEST_USERNAME'],
      ['password', 'TEST_PASSWORD'],
      ['clientSecret', 'OAUTH_CLIENT_SECRET'],
      ['totpSecret', 'TEST_TOTP_SECRET'],
    ];
    let missing = false;
    for (const [field, variable] of fromEnv) {
      const source = entry.env?.[field];
      if (source === undefined) continue;
      const value = base[source];
      if (value === undefined || value === '') {
        problems.push({ variable: `${where}: env.${field}`, problem: `the variable ${source} is not set` });
        missing = true;
      } else env[variable] = value;
    }
    if (missing) return;
    try {
      targets.push({ name: entry.name, config: loadConfig({ env, ...(options.envFile !== undefined ? { envFile: options.envFile } : {}) }) });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      for (const p of error.problems) {
        const field = FIELD_OF[p.variable];
        problems.push({ variable: field === undefined ? p.variable : `${where}: ${field}`, problem: p.problem.replace(/OAUTH_BASE_URL or RAYTEAMS_REGION/g, 'baseUrl or region') });
      }
    }
  });
  if (problems.length > 0) throw new TargetsFileError(file, problems, all.map((entry) => entry.name));
  return targets;
}

/** `--shard K/N`: every N-th target starting at the K-th (1-based), so N machines share a list. */
export interface Shard {
  /** 1-based */
  index: number;
  total: number;
}

export function parseShard(value: string | undefined): Shard | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || total < 1 || index < 1 || index > total) return undefined;
  return { index, total };
}

export function shardOf<T>(targets: readonly T[], shard: Shard | undefined): T[] {
  if (shard === undefined) return [...targets];
  return targets.filter((_target, position) => position % shard.total === shard.index - 1);
}

/**
 * The shapes get-code hands its result to a pipeline in: text, JSON lines, shell/dotenv variables
 * and GitHub Actions step outputs. Pure functions: the caller decides where the text goes.
 */
import { randomBytes } from 'node:crypto';
import type { AuthorizationResult } from '../journey/flow.js';
import type { TokenResponse } from '../oauth/token-client.js';

export const OUTPUT_FORMATS = ['text', 'json', 'env', 'github'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** One result (a code, or the tokens it was exchanged for) in every shape. */
export interface OutputItem {
  /** the text format's line: the code, or the access token */
  text: string;
  json: Record<string, unknown>;
  /** shell/dotenv variables, in order */
  env: Array<[string, string]>;
  /** GitHub step outputs, in order */
  github: Array<[string, string]>;
  /** values GitHub must mask in the job log */
  masks: string[];
}

/** The documented JSON shape of a code (README, `--format json`). */
export function codeRecord(result: AuthorizationResult) {
  return {
    code: result.code,
    state: result.state ?? null,
    code_verifier: result.codeVerifier ?? null,
    redirect_uri: result.redirectUri,
    client_id: result.clientId,
    issued_at: result.issuedAt.toISOString(),
    expires_at: result.expiresAt.toISOString(),
  };
}

export function codeItem(result: AuthorizationResult): OutputItem {
  const record = codeRecord(result);
  return {
    text: record.code,
    json: record,
    env: [
      ['OAUTH_CODE', record.code],
      ['OAUTH_CODE_VERIFIER', record.code_verifier ?? ''],
      ['OAUTH_STATE', record.state ?? ''],
      ['OAUTH_REDIRECT_URI', record.redirect_uri],
      ['OAUTH_CODE_EXPIRES_AT', record.expires_at],
    ],
    github: [
      ['code', record.code],
      ['code_verifier', record.code_verifier ?? ''],
      ['state', record.state ?? ''],
      ['expires_at', record.expires_at],
    ],
    masks: [record.code, ...(record.code_verifier ? [record.code_verifier] : [])],
  };
}

/** `--exchange`: the token response replaces the code; every token is masked on GitHub. */
export function tokenItem(tokens: TokenResponse): OutputItem {
  const fields: Array<[string, string | number | undefined]> = [
    ['access_token', tokens.access_token],
    ['id_token', tokens.id_token],
    ['refresh_token', tokens.refresh_token],
    ['token_type', tokens.token_type],
    ['expires_in', tokens.expires_in],
    ['scope', tokens.scope],
  ];
  const present = fields.filter((field): field is [string, string | number] => field[1] !== undefined).map(([name, value]): [string, string] => [name, String(value)]);
  return {
    text: tokens.access_token,
    json: { ...tokens },
    env: present.map(([name, value]) => [`OAUTH_${name.toUpperCase()}`, value]),
    github: present,
    masks: [tokens.access_token, tokens.id_token, tokens.refresh_token].filter((token): token is string => token !== undefined),
  };
}

/**
 * Names for the n-th of several results: the first keeps the documented names, later ones get
 * `_2`, `_3`, … so `OAUTH_CODE` / `code` always exist and no result overwrites another.
 */
function numbered(pairs: Array<[string, string]>, index: number): Array<[string, string]> {
  return index === 0 ? pairs : pairs.map(([name, value]) => [`${name}_${index + 1}`, value]);
}

/** What goes to stdout or `--out` for text, json and env. */
export function renderItems(items: OutputItem[], format: Exclude<OutputFormat, 'github'>): string {
  switch (format) {
    case 'text':
      return items.map((item) => `${item.text}\n`).join('');
    case 'json':
      return items.map((item) => `${JSON.stringify(item.json)}\n`).join('');
    case 'env':
      return items.flatMap((item, index) => numbered(item.env, index).map(([name, value]) => `export ${name}=${shellValue(value)}\n`)).join('');
  }
}

/**
 * A value safe for `source` and for dotenv: bare when it only holds characters neither treats
 * specially (codes, verifiers, states, timestamps do), single-quoted otherwise.
 */
export function shellValue(value: string): string {
  return /^[A-Za-z0-9_\-.:/+=@%,]*$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export interface GithubRendering {
  /** appended to $GITHUB_OUTPUT */
  outputFile: string;
  /** `::add-mask::` workflow commands, printed to stdout before anything could echo the values */
  stdout: string;
}

/** GitHub Actions: step outputs in $GITHUB_OUTPUT's `name=value` syntax, plus masks for the secrets. */
export function renderGithub(items: OutputItem[]): GithubRendering {
  const lines = items.flatMap((item, index) => numbered(item.github, index).map(([name, value]) => githubOutputLine(name, value)));
  const masks = items.flatMap((item) => item.masks.map((value) => `::add-mask::${value}\n`));
  return { outputFile: lines.join(''), stdout: masks.join('') };
}

function githubOutputLine(name: string, value: string): string {
  if (!/[\r\n]/.test(value)) return `${name}=${value}\n`;
  // Multi-line values need GitHub's heredoc form, with a delimiter that cannot occur in the value.
  const delimiter = `ghadelimiter_${randomBytes(12).toString('hex')}`;
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}

/** Seconds a code has left at `now`; get-code warns below CODE_EXPIRY_WARNING_SECONDS. */
export function secondsLeft(result: Pick<AuthorizationResult, 'expiresAt'>, now: Date = new Date()): number {
  return Math.floor((result.expiresAt.getTime() - now.getTime()) / 1000);
}

export const CODE_EXPIRY_WARNING_SECONDS = 60;

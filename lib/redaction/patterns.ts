/**
 * Secrets recognised by their shape or by the name they travel under, whatever their value:
 * tokens (JWT/JWE), authorization codes and PKCE verifiers in URLs, form bodies, JSON and HAR
 * name/value pairs, and HTTP Basic/Bearer credentials. The configured secrets are matched by value
 * (secret-forms.ts); these catch the values of the run that no configuration knows in advance.
 */
import { REDACTED } from './marker.js';

export interface ShapeRule {
  kind: string;
  /** global; the whole match is the secret part (names stay readable, values go) */
  regex: RegExp;
}

const NOT_REDACTED = `(?!${REDACTED.replace(/[[\]]/g, '\\$&')})`;

/** Parameter names whose values are secrets, grouped by what a finding should call them. */
const SECRET_PARAMETERS: ReadonlyArray<{ kind: string; names: string[] }> = [
  { kind: 'authorization code', names: ['code'] },
  { kind: 'code verifier', names: ['code_verifier', 'codeVerifier'] },
  { kind: 'access token', names: ['access_token', 'accessToken'] },
  { kind: 'id token', names: ['id_token', 'idToken'] },
  { kind: 'refresh token', names: ['refresh_token', 'refreshToken'] },
  { kind: 'client secret', names: ['client_secret', 'clientSecret'] },
  { kind: 'password', names: ['password'] },
];

/**
 * `code` is too common a name (exit codes, error codes): outside a query string it counts only with
 * a code-like value, and as a JSON key only in the rule for captured codes below.
 */
const COMMON_NAMES = new Set(['code']);

/** A parameter value: up to the next separator; never starting with `=` (`code===1` is program text). */
const VALUE = `[^&#\\s"'<>\\\\=][^&#\\s"'<>\\\\]*`;

function rulesForParameter(kind: string, names: string[]): ShapeRule[] {
  const alternation = names.join('|');
  const distinctive = names.filter((name) => !COMMON_NAMES.has(name)).join('|');
  const rules: ShapeRule[] = [
    // Query strings and form bodies: ?code=…, &password=…, also HTML-escaped &amp;code=…
    { kind, regex: new RegExp(`(?<=(?:[?&]|&amp;|&#38;)(?:${alternation})=)${NOT_REDACTED}${VALUE}`, 'g') },
    // In free text (step titles, log lines): code_verifier=…; code=… only with a code-like value.
    { kind, regex: new RegExp(`(?<=(?<![\\w.-])(?:${distinctive || alternation})=)${NOT_REDACTED}${distinctive ? VALUE : '[A-Za-z0-9_-]{16,}'}`, 'g') },
    // HAR name/value pairs in trace.network: {"name":"password","value":"…"}
    { kind, regex: new RegExp(`(?<="name"\\s*:\\s*"(?:${alternation})"\\s*,\\s*"value"\\s*:\\s*")${NOT_REDACTED}(?:[^"\\\\]|\\\\.)+`, 'g') },
  ];
  if (distinctive) {
    // JSON, and JSON quoted inside a JSON string (error messages in trace lines and results).
    rules.push(
      { kind, regex: new RegExp(`(?<="(?:${distinctive})"\\s*:\\s*")${NOT_REDACTED}(?:[^"\\\\]|\\\\.)+`, 'g') },
      { kind, regex: new RegExp(`(?<=\\\\"(?:${distinctive})\\\\"\\s*:\\s*\\\\")${NOT_REDACTED}(?:[^"\\\\])+`, 'g') },
    );
  }
  return rules;
}

/** Shapes that never occur in tool code: safe to apply to every file, report assets included. */
export const TOKEN_SHAPES: readonly ShapeRule[] = [
  // JWE (Cognito's refresh tokens): a JSON header and four more base64url parts.
  { kind: 'JWE-shaped token', regex: /eyJ[\w-]{10,}(?:\.[\w-]*){3}\.[\w-]+/g },
  { kind: 'JWT-shaped token', regex: /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]*/g },
];

/**
 * Name-based rules: applied to recorded data (trace lines, network bodies, results, logs), not to
 * the report viewers' JavaScript, where `code=` is program text.
 */
export const NAMED_VALUES: readonly ShapeRule[] = [
  ...SECRET_PARAMETERS.flatMap(({ kind, names }) => rulesForParameter(kind, names)),
  // A captured code in a JSON result (get-code --format json copied into a log, a test attachment).
  { kind: 'authorization code', regex: new RegExp(`(?<="code"\\s*:\\s*")${NOT_REDACTED}[0-9A-Za-z-]{20,}(?=")`, 'g') },
  { kind: 'Basic credentials', regex: new RegExp(`(?<=\\bBasic\\s+)${NOT_REDACTED}[A-Za-z0-9+/]{8,}={0,2}`, 'g') },
  { kind: 'Bearer token', regex: new RegExp(`(?<=\\bBearer\\s+)${NOT_REDACTED}[A-Za-z0-9\\-._~+/]{8,}={0,2}`, 'g') },
  // A password input's value in a trace DOM snapshot: ["INPUT",{"__playwright_value_":"…",…,"type":"password"
  { kind: 'password', regex: new RegExp(`(?<="__playwright_value_"\\s*:\\s*")${NOT_REDACTED}(?:[^"\\\\]|\\\\.)+(?="[^{}\\[\\]]*"type"\\s*:\\s*"password")`, 'g') },
];

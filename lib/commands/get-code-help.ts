/**
 * get-code --help: the text people read, kept apart from the command so the command reads as what
 * it does. `run` is how the reader starts it (commandLine: npm's script in a checkout, else the bin).
 */
import { DEFAULT_FLOW_TIMEOUT_MS } from '../journey/budget.js';
import { commandLine, SHARED_EXIT_CODES_HELP } from './cli.js';
import { CODE_EXPIRY_WARNING_SECONDS } from './code-output.js';

/** More codes than a pipeline can redeem within their 5 minutes; also bounds the load on the stage. */
export const MAX_COUNT = 50;

export const getCodeHelp = (run: string): string => `Usage: ${run} [options]

Signs in on the RayTeams login screen with the test account and prints a fresh OAuth 2.0
authorization code. The login service is OAUTH_BASE_URL (or RAYTEAMS_REGION/RAYTEAMS_STAGE), a
Cognito-shaped server; or any OAuth 2.0 / OpenID Connect server named by OAUTH_ISSUER alone (its
endpoints come from its discovery document; OAUTH_AUTHORIZE_URL / OAUTH_TOKEN_URL override single
ones). With none of these set it signs in at the embedded local server.

Options:
  --format FORMAT   text   the code alone, one per line (default)
                    json   one object per code and line: code, state, code_verifier,
                           redirect_uri, client_id, issued_at, expires_at
                    env    export lines: OAUTH_CODE, OAUTH_CODE_VERIFIER, OAUTH_STATE,
                           OAUTH_REDIRECT_URI, OAUTH_CODE_EXPIRES_AT (later codes: OAUTH_CODE_2, ...)
                    github appends code, code_verifier, state, expires_at to $GITHUB_OUTPUT
                           and prints ::add-mask:: for the code and the verifier
  --json            short for --format json
  --out FILE        write the result to FILE (atomically, mode 0600; on Windows keep it under
                    your user profile) instead of stdout
  --count N         N (at most ${MAX_COUNT}) distinct codes from one browser; later ones may come from the session
                    (progress on stderr: "code 3/10")
  --fresh-login     sign in through the form for every code (a fresh browser context each)
  --no-pkce         send no code_challenge (overrides OAUTH_USE_PKCE)
  --exchange        redeem each code at the token endpoint and output the token response instead
                    (text: the access token; needs OAUTH_CLIENT_SECRET); an ID token is verified
                    (signature, iss, aud, exp, nonce)
  --timeout MS      budget for each code, browser start included (default ${DEFAULT_FLOW_TIMEOUT_MS})
  --env-file PATH   read variables from PATH instead of .env
  --headed          show the browser
  --verbose, -v     also log on stderr what was found: issuer, endpoints, token endpoint
                    authentication, PKCE, scope (never a secret)
  --quiet, -q       no progress or warnings on stderr (errors are still shown)
  --help, -h        this text
  --version         the harness's version

Examples:
  ${run}
  ${run} --json | jq -r .code
  eval "$(${run} --format env)"            # OAUTH_CODE, OAUTH_CODE_VERIFIER, ...
  ${run} --format github                   # in a GitHub Actions step
  ${run} --count 5 --fresh-login --format json --out codes.jsonl
  ${run} --exchange --format json | jq -r .access_token

A code is valid for CODE_TTL_SECONDS (default 300) and can be redeemed once; a warning is printed
when one is output with under ${CODE_EXPIRY_WARNING_SECONDS} s left. A code from the embedded local
server cannot be redeemed after get-code exits: that server stops with it (use --exchange, or run
${commandLine('mock-server')} and point OAUTH_BASE_URL at it).

Exit codes: 0 ok, 2 usage/config (also --exchange without OAUTH_CLIENT_SECRET, no discovery document
for OAUTH_ISSUER or another issuer in it), 3 credentials rejected/locked, 4 server failed or refused
(5xx, error=, token endpoint error, an ID token that does not verify), 5 timeout/network, 6 contract
broken (unexpected page, missing or malformed code, state mismatch),
${SHARED_EXIT_CODES_HELP}`;

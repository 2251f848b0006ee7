/**
 * DESIGN.md "Exit codes of get-code and health-check", written out once for the tests: pipelines
 * branch on these numbers, so the code must not drift from the document.
 */
export const DESIGN_EXIT_CODES = {
  usage: 2,
  config: 2,
  credentials_rejected: 3,
  account_locked: 3,
  mfa_required: 3,
  mfa_rejected: 3,
  mfa_setup_required: 3,
  mfa_unsupported: 3,
  password_change_required: 3,
  server_error: 4,
  authorization_error: 4,
  token_error: 4,
  api_error: 4,
  timeout: 5,
  network: 5,
  unexpected_page: 6,
  bad_code: 6,
  state_mismatch: 6,
  redirect_mismatch: 6,
  internal: 70,
} as const;

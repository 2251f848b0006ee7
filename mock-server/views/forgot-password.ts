import { escapeHtml } from '../html.js';
import { layout } from './layout.js';

export interface ForgotPasswordView {
  rawQuery: string;
  csrfToken: string;
  error?: string;
}

function errorLine(error: string | undefined): string {
  return error === undefined ? '' : `<p class="errorMessage-customizable" role="alert">${escapeHtml(error)}</p>`;
}

export function forgotPasswordPage(view: ForgotPasswordView): string {
  return layout(
    'Forgot your password?',
    `<div class="container"><div class="modal-content">
<h1>Forgot your password?</h1>
<p>Enter your Username below and we will send a message to reset your password</p>
${errorLine(view.error)}
<form method="post" action="/forgotPassword?${escapeHtml(view.rawQuery)}">
<input type="hidden" name="_csrf" value="${escapeHtml(view.csrfToken)}">
<label for="username">Username</label>
<input id="username" name="username" type="text" class="form-control inputField-customizable" placeholder="Username" autocapitalize="none" required>
<button name="reset_my_password" type="submit" class="btn btn-primary submitButton-customizable">Reset my password</button>
</form>
</div></div>`,
  );
}

export interface ConfirmForgotPasswordView {
  /** The authorize query plus `username`, as received. */
  rawQuery: string;
  username: string;
  csrfToken: string;
  error?: string;
}

/** Cognito shows where the code went without revealing the address: t***@e*** */
export function maskDestination(username: string): string {
  const at = username.indexOf('@');
  if (at <= 0) return `${username.charAt(0)}***`;
  return `${username.charAt(0)}***@${username.charAt(at + 1)}***`;
}

export function confirmForgotPasswordPage(view: ConfirmForgotPasswordView): string {
  return layout(
    'Change password',
    `<div class="container"><div class="modal-content">
<h1>Change password</h1>
<p>We have sent a password reset code by email to ${escapeHtml(maskDestination(view.username))}. Enter it below to reset your password.</p>
${errorLine(view.error)}
<form method="post" action="/confirmForgotPassword?${escapeHtml(view.rawQuery)}">
<input type="hidden" name="_csrf" value="${escapeHtml(view.csrfToken)}">
<label for="forgot_password_code">Code</label>
<input id="forgot_password_code" name="code" type="text" class="form-control inputField-customizable" placeholder="Code" autocomplete="one-time-code" required>
<label for="new_password">New Password</label>
<input id="new_password" name="password" type="password" class="form-control inputField-customizable" placeholder="New Password" required>
<button name="reset_password" type="submit" class="btn btn-primary submitButton-customizable">Change Password</button>
</form>
</div></div>`,
  );
}

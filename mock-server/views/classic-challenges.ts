import { escapeHtml } from '../html.js';
import { layout } from './layout.js';

/*
 * The classic hosted UI's screens after the password: server-rendered, English,
 * plain form POSTs with the hidden _csrf, Cognito's "customizable" classes.
 */

export interface ClassicChallengeView {
  /** Where the form posts (the screen's own path plus the authorize query). */
  action: string;
  csrfToken: string;
  error?: string;
}

function errorBlock(error: string | undefined): string {
  return error === undefined ? '' : `<p id="errorMessage" class="errorMessage-customizable">${escapeHtml(error)}</p>`;
}

function page(title: string, view: ClassicChallengeView, inner: string): string {
  return layout(
    title,
    `<div class="container"><div class="modal-content background-customizable">
<div class="modal-body">
<form method="post" action="${escapeHtml(view.action)}">
<input type="hidden" name="_csrf" value="${escapeHtml(view.csrfToken)}">
${errorBlock(view.error)}
${inner}
</form>
</div>
</div></div>`,
  );
}

const codeInput = (id: string, name: string) =>
  `<input id="${id}" name="${name}" type="text" class="form-control inputField-customizable" inputmode="numeric" pattern="[0-9]*" maxlength="6" autocomplete="one-time-code" placeholder="Code" required>`;

export function classicTotpPage(view: ClassicChallengeView): string {
  return page(
    'MFA',
    view,
    `<span class="textDescription-customizable">Multi-factor authentication</span>
<p>Enter the code from your authenticator app (for example Google Authenticator).</p>
<label class="label-customizable" for="totpCodeInput">Authentication code</label>
${codeInput('totpCodeInput', 'totpCode')}
<input name="signInSubmitButton" type="submit" class="btn btn-primary submitButton-customizable" value="Sign in">`,
  );
}

export function classicDeliveredCodePage(view: ClassicChallengeView, medium: 'SMS' | 'email', destination: string): string {
  return page(
    'MFA',
    view,
    `<span class="textDescription-customizable">We have delivered the authentication code by ${medium} to ${escapeHtml(destination)}. Please enter the code to complete authentication.</span>
<label class="label-customizable" for="authentication_code">Code</label>
${codeInput('authentication_code', 'code')}
<input name="signInSubmitButton" type="submit" class="btn btn-primary submitButton-customizable" value="Sign in">`,
  );
}

export function classicMfaSetupPage(view: ClassicChallengeView, secret: string): string {
  return page(
    'Set up MFA',
    view,
    `<span class="textDescription-customizable">Set up an authenticator app</span>
<p>Your account requires multi-factor authentication. Add this key to an authenticator app, then enter the code it shows.</p>
<p>Secret key: <code id="secretKey">${escapeHtml(secret)}</code></p>
<label class="label-customizable" for="totpSetupCode">Code</label>
${codeInput('totpSetupCode', 'totpCode')}
<input name="verifySoftwareTokenButton" type="submit" class="btn btn-primary submitButton-customizable" value="Verify">`,
  );
}

export function classicNewPasswordPage(view: ClassicChallengeView): string {
  return page(
    'Change Password',
    view,
    `<span class="textDescription-customizable">Change Password</span>
<p>Please enter a new password.</p>
<label class="label-customizable" for="new_password">New Password</label>
<input id="new_password" name="new_password" type="password" class="form-control inputField-customizable" placeholder="New Password" autocomplete="new-password" required>
<label class="label-customizable" for="confirm_password">Enter New Password Again</label>
<input id="confirm_password" name="confirm_password" type="password" class="form-control inputField-customizable" placeholder="Enter New Password Again" autocomplete="new-password" required>
<input name="reset_password" type="submit" class="btn btn-primary submitButton-customizable" value="Send">`,
  );
}

export function classicPasskeyOfferPage(view: ClassicChallengeView): string {
  return page(
    'Passkey',
    view,
    `<span class="textDescription-customizable">Add a passkey?</span>
<p>Next time, sign in with your device's screen lock instead of your password.</p>
<button name="action" value="add" type="submit" class="btn btn-primary submitButton-customizable">Add passkey</button>
<button name="action" value="skip" type="submit" class="btn btn-secondary">Skip</button>`,
  );
}

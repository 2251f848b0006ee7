import { escapeHtml } from '../html.js';
import { layout } from './layout.js';
import type { LoginView } from './login-view.js';
import { ASF_SCRIPT, lateHydrationScript } from './page-scripts.js';

/*
 * Cognito's classic hosted UI ships the whole form twice and lets CSS show one copy
 * per viewport width; both copies share ids. The mobile copy comes first in the DOM,
 * so code that takes the first #signInFormUsername gets an invisible field on desktop.
 */
export const RESPONSIVE_STYLE = `
.modal-content-mobile{display:block}
.modal-content-desktop{display:none}
@media (min-width:768px){.modal-content-mobile{display:none}.modal-content-desktop{display:block}}
`;

function usernameField(drift: boolean): string {
  if (drift) {
    return `<label class="label-customizable" for="signInFormIdentifier">Identifier</label>
<input id="signInFormIdentifier" name="login_identifier" type="text" class="form-control inputField-customizable" aria-label="Identifier" autocapitalize="none" required>`;
  }
  return `<label class="label-customizable" for="signInFormUsername">Username</label>
<input id="signInFormUsername" name="username" type="text" class="form-control inputField-customizable" placeholder="Username" autocapitalize="none" required>`;
}

function signInForm(view: LoginView): string {
  const query = escapeHtml(view.rawQuery);
  const error =
    view.error === undefined
      ? ''
      : `<p id="loginErrorMessage" class="errorMessage-customizable">${escapeHtml(view.error)}</p>`;
  return `<div class="modal-body">
<div><span class="textDescription-customizable">Sign in with your username and password</span></div>
<form name="cognitoSignInForm" method="post" action="/login?${query}" class="cognito-asf">
<input type="hidden" name="_csrf" value="${escapeHtml(view.csrfToken)}">
<input type="hidden" name="cognitoAsfData" id="cognitoAsfData">
${error}
<div class="form-group">
${usernameField(view.selectorDrift)}
</div>
<div class="form-group">
<label class="label-customizable">Password</label>
<input id="signInFormPassword" name="password" type="password" class="form-control inputField-customizable" placeholder="Password" required>
</div>
<a class="redirect-customizable" href="/forgotPassword?${query}">Forgot your password?</a>
<input name="signInSubmitButton" type="submit" class="btn btn-primary submitButton-customizable" value="Sign in" aria-label="submit">
</form>
</div>`;
}

export function classicLoginPage(view: LoginView): string {
  const form = signInForm(view);
  const hydration = view.lateHydrationMs === null ? '' : lateHydrationScript(view.lateHydrationMs);
  return layout(
    'Signin',
    `<div class="container">
<div class="modal-content background-customizable modal-content-mobile visible-xs visible-sm">
${form}
</div>
<div class="modal-content background-customizable modal-content-desktop visible-md visible-lg">
${form}
</div>
</div>
<script>${ASF_SCRIPT}${hydration}</script>`,
    RESPONSIVE_STYLE,
  );
}

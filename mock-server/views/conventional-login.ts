import { escapeHtml } from '../html.js';
import { layout } from './layout.js';
import type { LoginView } from './login-view.js';
import { lateHydrationScript } from './page-scripts.js';

/*
 * A login form as many server-rendered apps draw it, unlike either Cognito UI on
 * purpose: other field names (user_id, pw), no labels (placeholders only), a
 * table layout, a <button> saying "Log on", the CSRF token under another name
 * and no autocomplete hints. A harness that finds this form finds it by structure.
 */
const STYLE = `
.logon{max-width:380px;margin:64px auto;background:#fff;border:1px solid #ccc;padding:20px}
.logon table{width:100%;border-collapse:collapse}
.logon td{padding:6px 0}
.flash-error{background:#fde8e8;border:1px solid #f5b5b5;padding:8px;color:#8a1f1f}
`;

export function conventionalLoginPage(view: LoginView): string {
  const query = escapeHtml(view.rawQuery);
  const flash = view.error === undefined ? '' : `<div class="flash flash-error">${escapeHtml(view.error)}</div>`;
  const hydration = view.lateHydrationMs === null ? '' : `<script>${lateHydrationScript(view.lateHydrationMs)}</script>`;
  const userField = view.selectorDrift
    ? '<input type="text" name="login_identifier" size="30">'
    : '<input type="text" name="user_id" placeholder="User ID" size="30">';
  return layout(
    'Member log on',
    `<div class="logon">
<h2>Member log on</h2>
${flash}
<form id="logonForm" method="post" action="/login?${query}">
<input type="hidden" value="${escapeHtml(view.csrfToken)}" name="authenticity_token">
<table>
<tr><td>${userField}</td></tr>
<tr><td><input type="password" name="pw" placeholder="Password" size="30"></td></tr>
<tr><td><button class="logon-button">Log on</button></td></tr>
</table>
</form>
<p><small><a href="/forgotPassword?${query}">Trouble logging on?</a></small></p>
</div>
${hydration}`,
    STYLE,
  );
}

/** blank-first-render: the first load shows a shell that never draws a form. */
export function blankLoginPage(lang: string): string {
  return layout('Sign in', '<div id="root" class="container"><div class="spinner" aria-busy="true"></div></div>', '', lang);
}

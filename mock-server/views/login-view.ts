import type { Lang } from '../i18n.js';

/** What every login screen shape needs to render. */
export interface LoginView {
  /** The authorize query, forwarded unchanged to the form action and the forgot-password link. */
  rawQuery: string;
  csrfToken: string;
  /** Already in the screen's language. */
  error?: string;
  selectorDrift: boolean;
  /** Managed login only; the classic and conventional screens are English. */
  lang: Lang;
  /** late-hydration fault: inert for this long, then drawn again empty. */
  lateHydrationMs: number | null;
  /** Where the form posts; defaults to /login?<rawQuery>. */
  action?: string;
  /** For a password-only step: who is signing in. */
  username?: string;
}

/** What every login screen shape needs to render. */
export interface LoginView {
  /** The authorize query, forwarded unchanged to the form action and the forgot-password link. */
  rawQuery: string;
  csrfToken: string;
  error?: string;
  selectorDrift: boolean;
}

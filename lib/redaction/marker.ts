/** What a secret is replaced with in every artifact: visible, greppable, and never a valid secret. */
export const REDACTED = '[REDACTED]';

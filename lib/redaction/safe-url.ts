/**
 * The one way a URL becomes text we print, label or name files after. A URL's userinfo holds
 * credentials (`https://svc:pw@host`), its query and fragment hold codes, states, tokens and error
 * descriptions; none of them belongs in a log line, a metrics label, a Pushgateway path, a summary,
 * a webhook message or JSON output. What is kept: scheme, host, port and path for http(s); for any
 * other scheme (`javascript:`, `data:`, `blob:`…) only the scheme, since the rest is content.
 */

/** Schemes whose "path" is a fixed word worth keeping (`about:blank`). */
const WORD_SCHEMES = new Set(['about:']);

export function safeUrl(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url.trim()) : url;
  } catch {
    return stripUnparsed(String(url));
  }
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  if (WORD_SCHEMES.has(parsed.protocol) && /^[a-z-]{1,16}$/.test(parsed.pathname)) return `${parsed.protocol}${parsed.pathname}`;
  return `${parsed.protocol}…`;
}

/** A base URL as a label: safeUrl without the trailing slash of the root. */
export function safeBaseUrl(url: string): string {
  return safeUrl(url).replace(/(?<=[^/])\/+$/, '');
}

/**
 * A label that may or may not be a URL (a target's name, "embedded local server", a stage URL):
 * anything with a scheme and an authority (scheme://) is sanitised, the rest (targets-file:PATH) kept.
 */
export function safeLabel(label: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(label.trim()) ? safeBaseUrl(label) : label;
}

/** Text that may quote URLs (a library's error message): each URL in it sanitised. */
export function safeUrlsIn(text: string): string {
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s'"<>`]+/gi, (match) => {
    // Punctuation that ends a sentence is not part of the URL.
    const trailing = /[),.;:\]]+$/.exec(match)?.[0] ?? '';
    return safeUrl(match.slice(0, match.length - trailing.length)) + trailing;
  });
}

/** Best effort for text that is no URL to the parser: drop what could be userinfo, query or fragment. */
function stripUnparsed(text: string): string {
  return (text.trim().split(/[?#]/, 1)[0] ?? '').replace(/[^/@\s]*@/g, '');
}

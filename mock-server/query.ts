/**
 * Drops one parameter from a raw query while leaving every other byte alone,
 * so state and redirect_uri are forwarded exactly as the client encoded them.
 */
export function rawQueryWithout(rawQuery: string, name: string): string {
  return rawQuery
    .split('&')
    .filter((piece) => {
      const key = piece.split('=', 1)[0] ?? '';
      let decoded = key;
      try {
        decoded = decodeURIComponent(key.replace(/\+/g, ' '));
      } catch {
        // A malformed escape is simply not the parameter we are removing.
      }
      return piece !== '' && decoded !== name;
    })
    .join('&');
}

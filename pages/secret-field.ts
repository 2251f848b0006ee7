/**
 * Types a secret into a field without Playwright ever seeing its value as an argument.
 *
 * locator.fill(value) puts the value into the action's title and into the trace's call log, and
 * allure-playwright copies step titles into its results. Here the page asks for the value through an
 * exposed binding, sets it with the native setter and fires the `input`/`change` events that React's
 * managed login listens for. The trace only records `evaluate` with the name of the secret.
 * (DOM snapshots and network bodies can still hold it: lib/redaction/redact.ts scrubs those.)
 */
import type { Page } from '@playwright/test';

const BINDING = '__loginHarnessSecret';
/** Per page: the values waiting to be handed out, once the binding is exposed. */
const pending = new WeakMap<Page, Promise<Map<string, string>>>();

/**
 * Exposes the binding a secret is fetched through. Idempotent; the journey calls it as it opens the
 * login screen, so the round trip overlaps the navigation instead of delaying the first fill.
 */
export function prepareSecretFill(page: Page): Promise<Map<string, string>> {
  let ready = pending.get(page);
  if (!ready) {
    const store = new Map<string, string>();
    // Each value is handed out once, so nothing lingers in the page or in this process longer than needed.
    ready = page
      .exposeBinding(BINDING, (_source, name: string) => {
        const value = store.get(name);
        store.delete(name);
        return value ?? null;
      })
      .then(() => store);
    // A failure is seen by the fill that awaits it, and the next fill exposes the binding anew; a page
    // closed before any fill must not leave it unhandled.
    ready.catch(() => pending.delete(page));
    pending.set(page, ready);
  }
  return ready;
}

/**
 * Types the pending secret into the field `selector` matches. A page script, not locator.evaluate:
 * that would build Playwright's injected script in the page's main world just for this (about
 * 50 ms at every login); the look has just found the field. Returns false when the field is gone
 * (a re-render): the caller's read-back sees it and fills again.
 */
export async function fillSecret(page: Page, selector: string, name: string, value: string, options: { timeoutMs?: number } = {}): Promise<boolean> {
  let handedOver: Map<string, string> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const typing = (async () => {
    handedOver = await prepareSecretFill(page);
    handedOver.set(name, value);
    return page.evaluate(
      async (args) => {
        const input = document.querySelector(args.selector);
        if (!(input instanceof HTMLInputElement)) return false;
        const lookup = (window as unknown as Record<string, (name: string) => Promise<string | null>>)[args.binding];
        if (typeof lookup !== 'function') throw new Error('secret binding missing');
        const secret = await lookup(args.name);
        if (secret === null) throw new Error(`no pending secret named ${args.name}`);
        input.focus();
        // The prototype's setter bypasses React's value tracker, so React sees a real change.
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
        if (setter) setter.call(input, secret);
        else input.value = secret;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        input.dispatchEvent(new Event('change', { bubbles: true }));
        return true;
      },
      { selector, binding: BINDING, name },
    );
  })();
  try {
    if (options.timeoutMs === undefined) return await typing;
    // Neither exposeBinding nor page.evaluate takes a timeout: the action's slice of the deadline bounds both here.
    const expired = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`typing the ${name} took longer than ${options.timeoutMs} ms`), { name: 'TimeoutError' })), Math.max(1, options.timeoutMs ?? 0));
    });
    typing.catch(() => undefined);
    return await Promise.race([typing, expired]);
  } finally {
    if (timer) clearTimeout(timer);
    // Not left pending, also when the slice ran out first: a late binding call then gets nothing.
    handedOver?.delete(name);
  }
}

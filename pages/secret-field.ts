/**
 * Types a secret into a field so that nothing in the page can ask for it, and Playwright never sees
 * it as an action argument.
 *
 * locator.fill(value) puts the value into the action's title and the trace's call log (and
 * allure-playwright copies step titles into its results). A binding exposed to the page, the earlier
 * way, is callable from every frame, cross-origin iframes included. Here Playwright only focuses the
 * field; the text goes in through the DevTools protocol's Input.insertText, which the browser applies
 * to the focused element like an IME commit: `beforeinput` and `input` events (which React's managed
 * login listens for) fire on that element, in its own document, and no key events fire at all. No
 * function, global or message in any frame hands the value out.
 *
 * Chromium only (the DevTools protocol), like the callback capture.
 */
import type { CDPSession, Locator, Page } from '@playwright/test';

/** One DevTools session per page, opened on first use and detached when the page closes. */
const sessions = new WeakMap<Page, Promise<CDPSession>>();

function sessionFor(page: Page): Promise<CDPSession> {
  let session = sessions.get(page);
  if (!session) {
    session = page.context().newCDPSession(page);
    session.then(
      (opened) => page.once('close', () => void opened.detach().catch(() => undefined)),
      // A failed start is retried by the next fill.
      () => sessions.delete(page),
    );
    sessions.set(page, session);
  }
  return session;
}

/**
 * Selects the field's content and says whether `field` is the element keyboard input goes to right now: the deepest active element,
 * followed from the top document through open shadow roots and same-origin frames. A field in a
 * cross-origin frame, or focus stolen by another element or frame, is refused.
 */
function selectIfFocused(field: Locator, timeoutMs: number): Promise<boolean> {
  return field.evaluate(
    (element) => {
      // Selected, the old value is what the inserted text replaces; no Delete key press, which a
      // page's key listener would see.
      if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) element.select();
      let doc: Document;
      try {
        doc = window.top?.document ?? document;
      } catch {
        return false;
      }
      let active: Element | null = doc.activeElement;
      for (let depth = 0; active !== null && depth < 32; depth += 1) {
        if (active === element) return true;
        const shadowActive: Element | null | undefined = active.shadowRoot?.activeElement;
        if (shadowActive) {
          active = shadowActive;
          continue;
        }
        if (active instanceof HTMLIFrameElement || active instanceof HTMLFrameElement) {
          const inner = active.contentDocument;
          if (inner === null) return false;
          active = inner.activeElement;
          continue;
        }
        return false;
      }
      return false;
    },
    undefined,
    { timeout: timeoutMs },
  );
}

/**
 * Types `value` into `field`, replacing what it held. Returns false when the field is gone (a
 * re-render) or could not be given the focus: the caller's read-back sees it and fills again.
 * `name` (e.g. "password") is all a message ever says about the value. Every step is bounded by
 * `timeoutMs`, the action's slice of the journey's deadline.
 */
export async function fillSecret(page: Page, field: Locator, name: string, value: string, options: { timeoutMs: number }): Promise<boolean> {
  const deadline = Date.now() + Math.max(1, options.timeoutMs);
  const left = () => Math.max(1, deadline - Date.now());
  let timer: NodeJS.Timeout | undefined;
  const typing = (async () => {
    if ((await field.count()) === 0) return false;
    await field.focus({ timeout: left() });
    const session = await sessionFor(page);
    if (!(await selectIfFocused(field, left()))) return false;
    await session.send('Input.insertText', { text: value });
    return true;
  })();
  // Neither the session's start nor its commands take a timeout: the slice bounds them here.
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`typing the ${name} took longer than ${options.timeoutMs} ms`), { name: 'TimeoutError' })), left());
  });
  typing.catch(() => undefined);
  try {
    return await Promise.race([typing, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Handles: the marks that let the Node side find again an element a look reported. One counter for
 * the whole page (frames included), kept on the top window, so a handle never names two elements.
 * A re-render replaces elements, so their handles disappear with them: that is how one is noticed.
 */
import { FRAME_ATTRIBUTE, FRAME_SEPARATOR, HANDLE_ATTRIBUTE } from './attributes.js';
import type { Walked } from './dom.js';

interface CountingWindow {
  __loginHarnessSeq?: number;
}

/** The element's mark under `attribute`, given one from the page-wide counter if it has none yet. */
export function markOf(el: Element, attribute: string): string {
  const existing = el.getAttribute(attribute);
  if (existing) return existing;
  const counter = window as unknown as CountingWindow;
  counter.__loginHarnessSeq = (counter.__loginHarnessSeq ?? 0) + 1;
  const id = String(counter.__loginHarnessSeq);
  el.setAttribute(attribute, id);
  return id;
}

/** The handle of a walked element: its frames' marks, then its own. */
export function handleOf(walked: Walked): string {
  return walked.framePath + markOf(walked.el, HANDLE_ATTRIBUTE);
}

/** The element a handle names, through its frames; undefined when it is gone (a re-render, a navigation). */
export function resolveHandle(handle: string): Element | undefined {
  const parts = handle.split(FRAME_SEPARATOR);
  const own = parts.pop();
  let doc: Document | null = document;
  for (const frame of parts) {
    const iframe: Element | null = doc ? findDeep(doc, `[${FRAME_ATTRIBUTE}="${frame}"]`) : null;
    doc = iframe ? (iframe as HTMLIFrameElement).contentDocument : null;
  }
  return doc && own !== undefined ? (findDeep(doc, `[${HANDLE_ATTRIBUTE}="${own}"]`) ?? undefined) : undefined;
}

/** querySelector that also looks inside open shadow roots. */
function findDeep(root: Document | ShadowRoot, selector: string): Element | null {
  const direct = root.querySelector(selector);
  if (direct) return direct;
  for (const el of Array.from(root.querySelectorAll('*'))) {
    if (el.shadowRoot) {
      const inner = findDeep(el.shadowRoot, selector);
      if (inner) return inner;
    }
  }
  return null;
}

/**
 * Walking the page as a person sees it: the document, every open shadow root and every same-origin
 * iframe, in one list in reading order. Runs in the page. Elements of another frame belong to another
 * JavaScript realm, so nothing here uses `instanceof`: tag names and attributes only.
 */
import { FRAME_ATTRIBUTE, FRAME_SEPARATOR } from './attributes.js';
import { markOf } from './handles.js';

export interface Walked {
  el: Element;
  /** the handle prefix of the frame holding it: '' in the top document, '3/' inside the iframe marked 3 */
  framePath: string;
  /** position in the walk: tree order, shadow content right after its host, a frame's content after the iframe */
  order: number;
}

export interface Walk {
  elements: Walked[];
  /** the top document and every same-origin frame's document read into, with their handle prefixes */
  documents: Array<{ doc: Document; framePath: string }>;
  /** every open shadow root met */
  shadowRoots: ShadowRoot[];
}

/** Reads the whole page into one list. `markFrames`: give each iframe read into its mark (a look does; a fingerprint need not). */
export function walkPage(markFrames: boolean): Walk {
  const walk: Walk = { elements: [], documents: [], shadowRoots: [] };
  const visitRoot = (root: Document | ShadowRoot, framePath: string): void => {
    for (const el of Array.from(root.querySelectorAll('*'))) {
      walk.elements.push({ el, framePath, order: walk.elements.length });
      const shadow = el.shadowRoot;
      if (shadow) {
        walk.shadowRoots.push(shadow);
        visitRoot(shadow, framePath);
      }
      if (el.tagName === 'IFRAME' || el.tagName === 'FRAME') {
        const inner = frameDocument(el as HTMLIFrameElement);
        if (inner && isVisible(el)) {
          const id = markFrames ? markOf(el, FRAME_ATTRIBUTE) : (el.getAttribute(FRAME_ATTRIBUTE) ?? '?');
          const innerPath = `${framePath}${id}${FRAME_SEPARATOR}`;
          walk.documents.push({ doc: inner, framePath: innerPath });
          visitRoot(inner, innerPath);
        }
      }
    }
  };
  walk.documents.push({ doc: document, framePath: '' });
  visitRoot(document, '');
  return walk;
}

/** A same-origin frame's document; null for another origin (the browser refuses) or a frame still blank. */
function frameDocument(frame: HTMLIFrameElement): Document | null {
  try {
    return frame.contentDocument;
  } catch {
    return null;
  }
}

/** Drawn with a size and not hidden by style: what a person could see (the classic UI hides one of its two forms). */
export function isVisible(el: Element): boolean {
  const rect = el.getBoundingClientRect();
  if (rect.width <= 0 || rect.height <= 0) return false;
  const view = el.ownerDocument.defaultView;
  if (!view) return false;
  const style = view.getComputedStyle(el);
  return style.visibility !== 'hidden' && style.display !== 'none';
}

export function clean(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** The text a person reads in an element (layout-aware), or its text content where there is no layout. */
export function textOf(el: Element): string {
  const rendered = isHtml(el) ? el.innerText : undefined;
  return clean(rendered ?? el.textContent);
}

export function isHtml(el: Element): el is HTMLElement {
  return 'innerText' in el;
}

export function isInput(el: Element): el is HTMLInputElement {
  return el.tagName === 'INPUT';
}

export function isTextArea(el: Element): el is HTMLTextAreaElement {
  return el.tagName === 'TEXTAREA';
}

export function isButtonElement(el: Element): el is HTMLButtonElement {
  return el.tagName === 'BUTTON';
}

/** The element with this id in the same document or shadow root as `el` (where aria-labelledby ids live). */
export function byIdNear(el: Element, id: string): Element | null {
  const root = el.getRootNode() as Document | ShadowRoot;
  return typeof root.getElementById === 'function' ? root.getElementById(id) : null;
}

/** The texts of the elements an ARIA reference attribute (aria-labelledby, aria-describedby) names. */
export function referencedText(el: Element, attribute: string): string {
  const ids = (el.getAttribute(attribute) ?? '').split(/\s+/).filter((id) => id !== '');
  return clean(ids.map((id) => byIdNear(el, id)?.textContent ?? '').join(' '));
}

/** Everything the page says, its open shadow roots and same-origin frames included, shortened. */
export function pageText(walk: Walk, limit = 8000): string {
  const parts: string[] = [];
  for (const { doc } of walk.documents) if (doc.body) parts.push(doc.body.innerText);
  for (const root of walk.shadowRoots) for (const child of Array.from(root.children)) if (isHtml(child)) parts.push(child.innerText);
  return clean(parts.join(' ')).slice(0, limit);
}

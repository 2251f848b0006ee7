/*
 * Build-time rendering of the first steps (react-dom/server), run by scripts/build.mjs: the server
 * then sends this markup with the page's words and query filled in, and the bundle hydrates it. The
 * installed package never loads React on the server.
 *
 * Every word is a placeholder `{{key}}` and the authorize query is `{{rawQuery}}`; the server swaps
 * in the HTML-escaped values, which is exactly what the browser renders from the page's config.
 */
import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import { LoginApp } from './app.js';
import { LoadingScreen } from './loading.js';
import {
  FIRST_STEPS,
  LOADING_TEMPLATE,
  RAW_QUERY_SLOT,
  TEXT_KEYS,
  templateKey,
  textSlot,
  type CloudscapeBehaviour,
  type CloudscapePageConfig,
  type CloudscapeTexts,
} from './protocol.js';

export function renderTemplates(): Record<string, string> {
  const texts = Object.fromEntries(TEXT_KEYS.map((key) => [key, textSlot(key)])) as unknown as CloudscapeTexts;
  const templates: Record<string, string> = { [LOADING_TEMPLATE]: renderToString(h(LoadingScreen)) };
  for (const step of FIRST_STEPS) {
    for (const forgotOnStep2 of [false, true]) {
      for (const selectorDrift of [false, true]) {
        const behaviour: CloudscapeBehaviour = { passwordKept: false, errorAsField: false, forgotOnStep2, selectorDrift };
        const config: CloudscapePageConfig = {
          lang: 'en',
          rawQuery: RAW_QUERY_SLOT,
          csrfToken: '',
          texts,
          step,
          action: '',
          hydrate: true,
          lateHydrationMs: null,
          behaviour,
        };
        templates[templateKey(step, behaviour)] = renderToString(h(LoginApp, { config, messages: [] }));
      }
    }
  }
  return templates;
}

/*
 * The browser bundle's entry: reads the page's configuration, then hydrates the pre-rendered first
 * step (at once, or `lateHydrationMs` later: until then the server's form is on screen and inert) or
 * draws a step that has no pre-rendered markup.
 */
import '@cloudscape-design/global-styles/index.css';
import './page.css';
import { createElement as h } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import COMPONENT_MESSAGES from 'cloudscape-login:component-messages';
import { LoginApp } from './app.js';
import { CONFIG_ID, ROOT_ID, type CloudscapePageConfig } from './protocol.js';

const root = document.getElementById(ROOT_ID);
const configText = document.getElementById(CONFIG_ID)?.textContent;
if (root !== null && configText !== undefined && configText !== null) {
  const config = JSON.parse(configText) as CloudscapePageConfig;
  const app = h(LoginApp, { config, messages: COMPONENT_MESSAGES });
  if (config.hydrate) {
    // A mismatch makes React draw the step anew; say so, so tests can tell hydration worked.
    const hydrate = (): void => {
      hydrateRoot(root, app, { onRecoverableError: (error) => console.error('hydration failed:', error) });
      document.documentElement.dataset['hydrated'] = 'true';
    };
    if (config.lateHydrationMs === null) hydrate();
    else setTimeout(hydrate, config.lateHydrationMs);
  } else {
    createRoot(root).render(app);
  }
}

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CONFIG_ID,
  DESTINATION_SLOT,
  LOADING_TEMPLATE,
  RAW_QUERY_SLOT,
  ROOT_ID,
  TEXT_KEYS,
  templateKey,
  textSlot,
  type CloudscapeManifest,
  type CloudscapePageConfig,
  type CloudscapeStep,
  type CloudscapeTexts,
} from '../cloudscape/protocol.js';
import { escapeHtml, jsonForScript } from '../html.js';
import { MANAGED_TEXTS, type Lang } from '../i18n.js';
import type { MockFaults } from '../types.js';

/*
 * The managed-login page drawn with Cloudscape: this module only assembles HTML around the prebuilt
 * bundle in dist/cloudscape/ (scripts/build-cloudscape.mjs). React runs in the browser and, for the
 * pre-rendered first steps, ran once at build time; the server never loads it.
 */

export const CLOUDSCAPE_SCRIPT_PATH = '/static/cloudscape/login.js';
export const CLOUDSCAPE_STYLE_PATH = '/static/cloudscape/login.css';

/**
 * Scripts from this origin only, so nothing inline runs: the page's configuration is a JSON data
 * block, which script-src does not govern. Cloudscape sets inline style attributes, hence style-src.
 */
export const CLOUDSCAPE_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
};

let manifestDir: string | undefined;
let manifest: CloudscapeManifest | undefined;

/** dist/cloudscape/, wherever this module runs from: the sources (tsx) or a chunk in dist/. */
function findBundleDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    for (const candidate of [join(dir, 'cloudscape'), join(dir, 'dist', 'cloudscape')]) {
      if (existsSync(join(candidate, 'manifest.json'))) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error('the managed-cloudscape login view needs its browser bundle in dist/cloudscape/: run npm run build');
    }
    dir = parent;
  }
}

/** Read once per process: the bundle does not change under a running server (a rebuild swaps the folder). */
export function cloudscapeManifest(): { dir: string; manifest: CloudscapeManifest } {
  if (manifest === undefined || manifestDir === undefined) {
    manifestDir = findBundleDir();
    manifest = JSON.parse(readFileSync(join(manifestDir, 'manifest.json'), 'utf8')) as CloudscapeManifest;
  }
  return { dir: manifestDir, manifest };
}

function textsFor(lang: Lang): CloudscapeTexts {
  const t = MANAGED_TEXTS[lang];
  const texts: Record<string, string> = {};
  for (const key of TEXT_KEYS) {
    if (key === 'identifier') texts[key] = 'Identifier';
    else if (key === 'smsIntro' || key === 'emailIntro') texts[key] = t[key](DESTINATION_SLOT);
    else texts[key] = t[key];
  }
  return texts as CloudscapeTexts;
}

export interface CloudscapePageInput {
  lang: Lang;
  rawQuery: string;
  csrfToken: string;
  step: CloudscapeStep;
  /** Where the step posts. */
  action: string;
  faults: MockFaults;
  username?: string;
  setupKey?: string;
  destination?: string;
  error?: string;
}

/** Pre-rendered markup with the page's words and query filled in, HTML-escaped as React would. */
function fillTemplate(template: string, texts: CloudscapeTexts, rawQuery: string): string {
  let html = template.split(RAW_QUERY_SLOT).join(escapeHtml(rawQuery));
  for (const key of TEXT_KEYS) html = html.split(textSlot(key)).join(escapeHtml(texts[key]));
  return html;
}

export function cloudscapeLoginPage(input: CloudscapePageInput): string {
  const { manifest: built } = cloudscapeManifest();
  const texts = textsFor(input.lang);
  const behaviour = {
    passwordKept: input.faults.passwordKept === true,
    errorAsField: input.faults.errorAsField === true,
    forgotOnStep2: input.faults.forgotOnStep2 === true,
    selectorDrift: input.faults.selectorDrift === true,
  };
  const firstStep = input.step === 'identifier' || input.step === 'sign-in' ? input.step : undefined;
  const prerendered = firstStep === undefined || input.error !== undefined ? undefined : built.templates[templateKey(firstStep, behaviour)];
  const config: CloudscapePageConfig = {
    lang: input.lang,
    rawQuery: input.rawQuery,
    csrfToken: input.csrfToken,
    texts,
    step: input.step,
    action: input.action,
    hydrate: prerendered !== undefined,
    lateHydrationMs: input.faults.lateHydrationMs ?? null,
    behaviour,
    ...(input.username === undefined ? {} : { username: input.username }),
    ...(input.setupKey === undefined ? {} : { setupKey: input.setupKey }),
    ...(input.destination === undefined ? {} : { destination: input.destination }),
    ...(input.error === undefined ? {} : { error: input.error }),
  };
  const markup = fillTemplate(prerendered ?? built.templates[LOADING_TEMPLATE] ?? '', texts, input.rawQuery);
  const version = encodeURIComponent(built.version);
  return `<!DOCTYPE html>
<html lang="${escapeHtml(input.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(texts.signInTitle)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${CLOUDSCAPE_STYLE_PATH}?v=${version}">
<script src="${CLOUDSCAPE_SCRIPT_PATH}?v=${version}" defer></script>
</head>
<body>
<div id="${ROOT_ID}">${markup}</div>
<script type="application/json" id="${CONFIG_ID}">${jsonForScript(config)}</script>
</body>
</html>
`;
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cloudscapeManifest, CLOUDSCAPE_SCRIPT_PATH, CLOUDSCAPE_STYLE_PATH } from '../views/cloudscape-login.js';
import type { Route } from './route.js';

/** The Cloudscape view's bundle, served from this origin so the page's CSP can say script-src 'self'. */
function bundleFile(pick: 'script' | 'style', contentType: string): Route {
  let body: Buffer | undefined;
  return {
    GET: (_req, res) => {
      const { dir, manifest } = cloudscapeManifest();
      body ??= readFileSync(join(dir, manifest[pick]));
      // The page asks for it with ?v=<content hash>: a new build is a new URL.
      res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': body.length, 'Cache-Control': 'public, max-age=31536000, immutable' });
      res.end(body);
    },
  };
}

export const STATIC_ROUTES: Readonly<Record<string, Route>> = {
  [CLOUDSCAPE_SCRIPT_PATH]: bundleFile('script', 'text/javascript; charset=utf-8'),
  [CLOUDSCAPE_STYLE_PATH]: bundleFile('style', 'text/css; charset=utf-8'),
};

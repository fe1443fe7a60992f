import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Plugin } from 'graphql-yoga';

export interface ConsoleOptions {
  /** The console's build (apps/console/dist): index.html and assets/. */
  dir: string;
  /** The path it is served under. Default `/console`. */
  base?: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * What every console answer carries: scripts and data from this origin only (no CDN, no inline
 * script), QR codes as data: images, never framed, no referrer (the page never holds a key in
 * its URL, but a referrer would still name the gateway).
 */
export const CONSOLE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
} as const;

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Console not built</title>
<h1>The console is not built</h1>
<p>This gateway serves the operations console from <code>apps/console/dist</code>, which does not exist yet.
Run <code>pnpm build</code> (or <code>pnpm --filter @zapikit/console build</code>) and reload.</p>
<p>The GraphQL API at <a href="/graphql">/graphql</a> works without it.</p></html>`;

/**
 * Serves the console's static build under `/console` (same origin as /graphql: no CORS). Hashed
 * assets are cached for good; index.html never, so a new build is picked up on reload. Any path
 * without a file extension is the single-page app's index.html. A missing build answers 503 with
 * a page saying how to build it.
 */
export function useConsole(options: ConsoleOptions): Plugin {
  const base = options.base ?? '/console';
  const root = normalize(options.dir);
  return {
    async onRequest(payload) {
      const { request, url, fetchAPI } = payload;
      const endResponse = (response: Response) => {
        payload.endResponse(response);
      };
      const path = url.pathname;
      if (path !== base && !path.startsWith(`${base}/`)) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(new fetchAPI.Response(null, { status: 405, headers: { allow: 'GET, HEAD' } }));
        return;
      }
      if (path === base) {
        endResponse(
          new fetchAPI.Response(null, { status: 308, headers: { location: `${base}/` } }),
        );
        return;
      }
      let relative: string;
      try {
        relative = decodeURIComponent(path.slice(base.length + 1));
      } catch {
        relative = '';
      }
      const asset = extname(relative) !== '';
      const file = normalize(join(root, asset ? relative : 'index.html'));
      if (!file.startsWith(root + sep)) {
        endResponse(new fetchAPI.Response(null, { status: 404 }));
        return;
      }
      let body: Buffer;
      try {
        body = await readFile(file);
      } catch {
        const built = await readFile(join(root, 'index.html')).then(
          () => true,
          () => false,
        );
        endResponse(
          built
            ? new fetchAPI.Response(null, { status: 404, headers: CONSOLE_HEADERS })
            : new fetchAPI.Response(new TextEncoder().encode(NOT_BUILT), {
                status: 503,
                headers: { ...CONSOLE_HEADERS, 'content-type': TYPES['.html'] ?? '' },
              }),
        );
        return;
      }
      const hashed = relative.startsWith('assets/');
      endResponse(
        new fetchAPI.Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
          status: 200,
          headers: {
            ...CONSOLE_HEADERS,
            'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
            'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
          },
        }),
      );
    },
  };
}

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The files of the web page at `/`: web/ at the package root (plain browser modules, no
// build step) and the chart library from its npm package. Served from memory by name
// only, so no request path ever reaches the file system.

export interface Asset {
  body: Buffer;
  type: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

const NAME = /^[a-z0-9][a-z0-9.-]*\.(html|js|css|svg)$/i;

/** web/ beside src/ (running from sources) or beside dist/ (running the build). */
function webDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const found = [join(here, '..', '..', 'web'), join(here, '..', '..', '..', 'web')].find((d) => existsSync(join(d, 'index.html')));
  if (!found) throw new Error('the web page\'s files (web/index.html) are missing from this install');
  return found;
}

/** uPlot's dist folder, from the installed package (no CDN: the service may run offline). */
function chartDir(): string {
  return dirname(createRequire(import.meta.url).resolve('uplot'));
}

function typeOf(name: string): string {
  return TYPES[name.slice(name.lastIndexOf('.')).toLowerCase()] ?? 'application/octet-stream';
}

/** Every servable file by its URL path: /, /assets/<name>, /assets/vendor/<name>. */
export function loadWebAssets(): Map<string, Asset> {
  const dir = webDir();
  const out = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    if (!NAME.test(name) || name.endsWith('.d.ts')) continue;
    const asset = { body: readFileSync(join(dir, name)), type: typeOf(name) };
    out.set(name === 'index.html' ? '/' : `/assets/${name}`, asset);
  }
  const vendor = chartDir();
  for (const name of ['uPlot.esm.js', 'uPlot.min.css']) out.set(`/assets/vendor/${name}`, { body: readFileSync(join(vendor, name)), type: typeOf(name) });
  return out;
}

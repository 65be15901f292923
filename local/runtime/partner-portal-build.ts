import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { REPO_ROOT } from '../../infra/constructs/line-function';

/**
 * Builds the partner portal (Vite) when its `dist/` is missing or older than its sources, the domain
 * modules it imports, or the build config, so `npm start` and the browser tests serve current code.
 */

export const PORTAL_ROOT = path.join(REPO_ROOT, 'web', 'partner-portal');
export const PORTAL_DIST = path.join(PORTAL_ROOT, 'dist');

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) {
    if (child === 'dist' || child === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

/** True when dist/index.html is missing or older than anything it is built from. */
export function portalBuildIsStale(): boolean {
  const built = path.join(PORTAL_DIST, 'index.html');
  if (!fs.existsSync(built)) return true;
  const sources = Math.max(newestMtime(PORTAL_ROOT), newestMtime(path.join(REPO_ROOT, 'domain')));
  return sources > fs.statSync(built).mtimeMs;
}

/** Builds if stale; returns whether it built. */
export async function buildPartnerPortalIfStale(): Promise<boolean> {
  if (!portalBuildIsStale()) return false;
  const { build } = await import('vite');
  // Vite builds for production only when NODE_ENV says so or is unset (jest sets it to "test").
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: path.join(PORTAL_ROOT, 'vite.config.mts'),
      root: PORTAL_ROOT,
      logLevel: 'warn',
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return true;
}

/** The portal's JavaScript budget: what a partner's browser downloads, gzipped. */
export const PORTAL_JS_BUDGET_GZIP_BYTES = 150 * 1024;

export interface PortalAssetSize {
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

/** Raw and gzipped sizes of the built portal's assets (`dist/assets`), JavaScript and CSS. */
export function portalAssetSizes(dist: string = PORTAL_DIST): PortalAssetSize[] {
  const assets = path.join(dist, 'assets');
  return fs
    .readdirSync(assets)
    .filter((file) => /\.(js|css)$/.test(file))
    .sort()
    .map((file) => {
      const content = fs.readFileSync(path.join(assets, file));
      return { file, bytes: content.length, gzipBytes: zlib.gzipSync(content).length };
    });
}

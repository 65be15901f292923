import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../infra/constructs/line-function';

/** Builds the console's page (web/line-console) with Vite when its build is missing or older than its sources. */

export const CONSOLE_APP_DIR = path.join(REPO_ROOT, 'web', 'line-console');
export const CONSOLE_DIST_DIR = path.join(CONSOLE_APP_DIR, 'dist');

/** Newest modification time of the files under `dir` (skipping `skip`), in ms; 0 when empty. */
function newestMtime(dir: string, skip: ReadonlySet<string> = new Set()): number {
  if (!fs.existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** The build is missing, or a source changed after it. */
export function consoleBuildIsStale(): boolean {
  const index = path.join(CONSOLE_DIST_DIR, 'index.html');
  if (!fs.existsSync(index)) return true;
  return newestMtime(CONSOLE_APP_DIR, new Set(['dist', 'node_modules'])) > newestMtime(CONSOLE_DIST_DIR);
}

/**
 * Builds the page when stale (a child process: Vite is ESM-only and runs on its own).
 * @throws Error with Vite's output when the build fails
 */
export function ensureConsoleBuild(onProgress: (message: string) => void = () => {}): void {
  if (!consoleBuildIsStale()) return;
  onProgress('building the line console (vite build)…');
  const vite = path.join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: CONSOLE_APP_DIR,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`vite build of web/line-console failed:\n${result.stdout}${result.stderr}`);
  }
}

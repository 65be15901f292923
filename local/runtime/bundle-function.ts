import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { BUNDLING, REPO_ROOT, UNREACHED_MODULE_ALIASES } from '../../infra/constructs/line-function';
import type { LocalLine } from './line';

/**
 * A function bundled as `cdk deploy` bundles it (the BUNDLING settings of LineFunction), and the check
 * that the bundle loads in a fresh Node process: shared by the bundle-budget test and `npm run bench`.
 */

/** The deploy settings of infra/constructs/line-function.ts, as esbuild options. */
export const DEPLOY_BUNDLING: esbuild.BuildOptions = {
  format: BUNDLING.format === 'esm' ? 'esm' : 'cjs',
  target: BUNDLING.target ?? 'node22',
  ...(BUNDLING.mainFields ? { mainFields: [...BUNDLING.mainFields] } : {}),
  minify: BUNDLING.minify ?? false,
  external: [...(BUNDLING.externalModules ?? [])],
  ...(BUNDLING.banner ? { banner: { js: BUNDLING.banner } } : {}),
  ...(BUNDLING.define ? { define: { ...BUNDLING.define } } : {}),
  // CDK passes the aliases as esbuildArgs and runs esbuild at the repository root: the same here.
  alias: { ...UNREACHED_MODULE_ALIASES },
  absWorkingDir: REPO_ROOT,
};

/** Bundles `functions/<name>/handler.ts`; `options` default to the deploy settings. */
export async function bundleFunction(
  name: string,
  options: esbuild.BuildOptions = DEPLOY_BUNDLING,
): Promise<{ readonly bytes: number; readonly code: Uint8Array }> {
  const entry = path.join(REPO_ROOT, 'functions', name, 'handler.ts');
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    write: false,
    logLevel: 'silent',
    outdir: 'out',
    ...options,
  });
  const code = (result.outputFiles ?? []).find((file) => file.path.endsWith('.js'));
  if (code === undefined) throw new Error(`esbuild produced no JavaScript for ${entry}`);
  return { bytes: code.contents.length, code: code.contents };
}

/** How importing a bundle went in a fresh Node process. */
export type ImportOutcome =
  | { readonly ok: true; readonly ms: number }
  | { readonly ok: false; readonly reason: string };

/** Imports a bundle in a fresh Node process with `environment` only (plus PATH): its init, as Lambda runs it. */
export function importBundle(
  code: Uint8Array,
  dir: string,
  name: string,
  environment: Readonly<Record<string, string>>,
): ImportOutcome {
  const file = path.join(dir, `${name}.mjs`);
  fs.writeFileSync(file, code);
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); console.log((performance.now() - t).toFixed(0));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...environment },
    timeout: 30_000,
  });
  if (run.status === 0) return { ok: true, ms: Number(run.stdout.trim()) };
  // Node prints the minified source line first; the reason is on the line that starts with the error name.
  const reason =
    /^\w*(?:Error|Exception)(?: \[\w+\])?: (.+)$/m.exec(run.stderr)?.[1] ??
    /^\s*(?:code|message): '?([^'\n]+)/m.exec(run.stderr)?.[1] ??
    `exit ${run.status}`;
  return { ok: false, reason };
}

/**
 * The environment a function's bundle sees on the local line: the template's variables, resolved; what
 * the line cannot resolve (Connect ids, the Cognito issuer) gets a stand-in, as the local servers do.
 */
export function bundleEnvironment(
  line: Pick<LocalLine, 'env' | 'resources'>,
  name: string,
): Record<string, string> {
  const config = line.resources.functions[name];
  const standIns = Object.fromEntries(
    // The local line's own value wins (e.g. its queue-envelope public key, a deploy-time attribute on AWS).
    (config?.unresolvedEnvironment ?? [])
      .filter((variable) => line.env[variable] === undefined)
      .map((variable) => [variable, /(URL|ISSUER)$/.test(variable) ? 'https://bundle.invalid' : 'stand-in']),
  );
  return { ...line.env, ...standIns, ...config?.environment };
}

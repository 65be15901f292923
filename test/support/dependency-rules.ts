import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The layers' dependency rules (docs/architecture.md, "Dependencies"), checked on import specifiers:
 * domain/ ← everything; config/ ← infra/app.ts, local/, test/ and bench/ only; functions/ and events/
 * never reach infra/ or config/; infra/ never imports a function's runtime module (a handler's entry
 * path, passed to NodejsFunction as a string, is not an import). Everywhere, zod is `zod/mini` only.
 */

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Packages the domain core may use: validation and the French public reference data. */
export const DOMAIN_PACKAGES = ['zod', '@socialgouv/jours-feries', '@etalab/decoupage-administratif'];

export interface SourceFile {
  /** Repository-relative path with forward slashes, e.g. `functions/call-intake/handler.ts`. */
  readonly path: string;
  readonly source: string;
}

export interface Violation {
  readonly file: string;
  readonly specifier: string;
  readonly rule: string;
}

const SPECIFIER =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*|\bjest\.mock\s*\(\s*)(['"])([^'"\n]+)\1/g;

/** Every module specifier a file imports, re-exports, requires or mocks. */
export function importSpecifiers(source: string): string[] {
  return [...source.matchAll(SPECIFIER)].map((match) => match[2] ?? '');
}

/** Where a specifier points: a repository path for our own modules, else the package name. */
function target(file: string, specifier: string): { readonly local: boolean; readonly name: string } {
  if (specifier.startsWith('#domain/')) return { local: true, name: `domain/${specifier.slice(8)}` };
  if (specifier.startsWith('.')) {
    return { local: true, name: path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)) };
  }
  const parts = specifier.split('/');
  return { local: false, name: specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '') };
}

const layer = (repoPath: string): string => repoPath.split('/')[0] ?? '';

/** The one zod flavour: zod/mini keeps the flow Lambdas' bundles small, and one API is one to learn. */
export const ZOD_ENTRY = 'zod/mini';

/** The rule `specifier` breaks when imported from `file`, or undefined. */
function brokenRule(file: string, specifier: string): string | undefined {
  const from = layer(file);
  const to = target(file, specifier);
  if (!to.local && to.name === 'zod' && specifier !== ZOD_ENTRY) {
    return `zod is imported as ${ZOD_ENTRY} only`;
  }
  const toLayer = to.local ? layer(to.name) : undefined;
  if (from === 'domain') {
    if (to.local && toLayer !== 'domain') return 'domain/ imports nothing of ours outside itself';
    if (!to.local && !DOMAIN_PACKAGES.includes(to.name)) {
      return `domain/ uses only ${DOMAIN_PACKAGES.join(', ')} (no SDK, CDK, middy, Powertools or Node I/O)`;
    }
  }
  if ((from === 'functions' || from === 'events') && (toLayer === 'infra' || toLayer === 'config')) {
    return `${from}/ never imports infra/ or config/: stage values arrive as environment variables`;
  }
  if (from === 'config' && to.local && toLayer !== 'config' && toLayer !== 'domain') {
    return 'config/ holds values only: it imports domain/ types and nothing else of ours';
  }
  if (toLayer === 'config' && from === 'infra' && file !== 'infra/app.ts') {
    return 'only infra/app.ts reads the stage config; constructs take props';
  }
  if (from === 'infra' && toLayer === 'functions') {
    return "infra/ never imports a function's runtime module; share through domain/";
  }
  return undefined;
}

/** Every import in `files` that breaks a layer rule. */
export function dependencyViolations(files: readonly SourceFile[]): Violation[] {
  return files.flatMap((file) =>
    importSpecifiers(file.source).flatMap((specifier) => {
      const rule = brokenRule(file.path, specifier);
      return rule === undefined ? [] : [{ file: file.path, specifier, rule }];
    }),
  );
}

/** The TypeScript sources of the layers, read from disk. */
export function readLayerSources(layers: readonly string[]): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true })) {
      const relative = `${dir}/${entry.name}`;
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(relative);
      else if (/\.(ts|mts|cts)$/.test(entry.name)) {
        files.push({ path: relative, source: fs.readFileSync(path.join(REPO_ROOT, relative), 'utf8') });
      }
    }
  };
  for (const dir of layers) if (fs.existsSync(path.join(REPO_ROOT, dir))) walk(dir);
  return files;
}

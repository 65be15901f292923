import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** One finding in cfn-lint's `--format json` output (the fields the tests read). */
export interface CfnLintFinding {
  readonly Filename: string;
  readonly Level: 'Error' | 'Warning' | 'Informational';
  readonly Message: string;
  readonly Rule: { readonly Id: string };
  readonly Location: { readonly Start: { readonly LineNumber: number } };
}

/** A template to lint, named (the file name cfn-lint reports) and with the region it deploys to. */
export interface TemplateToLint {
  readonly name: string;
  readonly region: string;
  readonly template: unknown;
}

/** How to get the cfn-lint version `.ci/run` installs. */
export const CFN_LINT_INSTALL = 'pip install "cfn-lint==1.51.*" (or pipx install "cfn-lint==1.51.*")';

/** The ignored rules, each with its reason. */
const CONFIG_FILE = path.join(__dirname, '..', '..', '.cfnlintrc.yaml');

/**
 * Resource schemas cfn-lint 1.51 lacks (AWS::Connect::TestCase), written from the CloudFormation
 * reference. cfn-lint then knows the type (no E3006); it does not check their properties, which
 * test/infra/test-cases.test.ts does against the same schema.
 */
export const EXTRA_SCHEMAS_FOLDER = path.join(__dirname, '..', '..', 'cfn-lint-schemas');

/** Runs one cfn-lint process over `files`, checked against `region`. */
function runCfnLint(files: readonly string[], region: string): CfnLintFinding[] {
  const result = spawnSync(
    'cfn-lint',
    [
      '--config-file',
      CONFIG_FILE,
      '--registry-schemas',
      EXTRA_SCHEMAS_FOLDER,
      '--format',
      'json',
      '--regions',
      region,
      '--',
      ...files,
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 180_000 },
  );
  // 127: a pyenv or asdf shim exists but no installed Python provides cfn-lint.
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT' || result.status === 127) {
    throw new Error(`cfn-lint is not installed or not on PATH. Install it with: ${CFN_LINT_INSTALL}`);
  }
  if (result.error !== undefined) throw result.error;
  // The exit code is a bit mask of the levels found; the JSON on stdout is what counts.
  try {
    return JSON.parse(result.stdout) as CfnLintFinding[];
  } catch {
    throw new Error(`cfn-lint failed (exit ${result.status}): ${result.stderr || result.stdout}`);
  }
}

/**
 * Lints templates with cfn-lint, one process per region (cfn-lint starts slowly; one region is the
 * usual case). Templates are written to a temporary folder as `<name>.json`.
 * @throws Error naming the install command when cfn-lint is missing.
 */
export function lintTemplates(templates: readonly TemplateToLint[]): CfnLintFinding[] {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cfn-lint-'));
  try {
    const filesByRegion = new Map<string, string[]>();
    for (const { name, region, template } of templates) {
      const file = path.join(folder, `${name}.json`);
      fs.writeFileSync(file, JSON.stringify(template, null, 1));
      filesByRegion.set(region, [...(filesByRegion.get(region) ?? []), file]);
    }
    return [...filesByRegion].flatMap(([region, files]) => runCfnLint(files, region));
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/** One readable line per finding: file, line, rule, message. */
export function formatFinding(finding: CfnLintFinding): string {
  const file = path.basename(finding.Filename);
  return `${file}:${finding.Location.Start.LineNumber} ${finding.Rule.Id} ${finding.Message}`;
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { synthesizeLine } from '../support/synth';

interface ValidationReport {
  readonly pluginReports?: {
    readonly pluginName?: string;
    readonly summary?: { readonly pluginName?: string };
    readonly violations?: { readonly ruleName: string; readonly violatingResources?: unknown[] }[];
  }[];
}

/** Every acknowledgement in the tree, with where it was made. */
function acknowledgements(root: IConstruct): { path: string; id: string; reason: unknown }[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, unknown>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

describe('cdk-nag (AwsSolutions)', () => {
  it('synthesizes with zero unacknowledged findings, each acknowledgement granular and reasoned', () => {
    const { app } = synthesizeLine();
    const assembly = app.synth();
    const reportFile = fs
      .readdirSync(assembly.directory)
      .find((name) => /validation-report.*\.json$/.test(name));
    expect(reportFile).toBeDefined();
    const report = JSON.parse(
      fs.readFileSync(path.join(assembly.directory, reportFile as string), 'utf8'),
    ) as ValidationReport;

    const findings = (report.pluginReports ?? []).flatMap((pluginReport) =>
      (pluginReport.violations ?? []).map((violation) => ({
        plugin: pluginReport.summary?.pluginName ?? pluginReport.pluginName,
        rule: violation.ruleName,
        resources: violation.violatingResources,
      })),
    );
    expect(findings).toEqual([]);

    const acknowledged = acknowledgements(app);
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const acknowledgement of acknowledged) {
      expect(acknowledgement.id).toMatch(/^AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
      expect(String(acknowledgement.reason).length).toBeGreaterThan(30);
      // On the resource (or its L2 wrapper), never on a whole stack or the app.
      expect(acknowledgement.path.split('/').length).toBeGreaterThan(1);
    }
  });
});

import * as fs from 'node:fs';

/**
 * The command line of a generator of committed reference modules (generate-communes,
 * generate-territories): writes `output`, or with `--check` only compares and exits 1 when it is stale.
 */
export function writeOrCheckGenerated(
  output: string,
  render: () => string,
  argv: readonly string[],
  usage: string,
): void {
  if (argv.includes('--help')) {
    process.stdout.write(usage);
    return;
  }
  const source = render();
  if (argv.includes('--check')) {
    const current = fs.existsSync(output) ? fs.readFileSync(output, 'utf8') : '';
    if (current !== source) {
      process.stderr.write(`${output} is stale: run the generator\n`);
      process.exitCode = 1;
    }
    return;
  }
  fs.writeFileSync(output, source);
  process.stdout.write(`Wrote ${output}\n`);
}

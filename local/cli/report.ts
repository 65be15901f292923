import * as fs from 'node:fs';
import * as path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  daysOfMonth,
  parseMonth,
  previousMonth,
  type ReportMonth,
} from '../../functions/monthly-report/period';
import { BY_DAY_INDEX } from '../../functions/monthly-report/read-calls';
import { produceMonthlyReport, type ReportWriter } from '../../functions/monthly-report/report';
import { REPO_ROOT } from '../../infra/constructs/line-function';
import { createLocalCallRunner } from '../flow-interpreter/local-call';
import { invokeFunction } from '../runtime/lambda-runtime';
import { isLineReachable, type LineDescription, readLineFile, startLocalLine } from '../runtime/line';

/**
 * `npm run report -- --month 2026-11 [--out DIR]`: the monthly statistics from the local line's
 * calls table, with the same code as the `monthly-report` Lambda (byDay index, aggregation, small-cell
 * suppression, CSV and HTML). It attaches to a running `npm start` line, or starts its own; when the
 * month has no calls yet, it first plays a seeded month of qualified calls through the real handlers
 * (the flow interpreter, call-intake, contact-events, then qualify-call as the listener's guide would).
 */

const USAGE = `Usage: npm run report -- [--month YYYY-MM] [--out DIR] [--calls N] [--no-seed]

  --month YYYY-MM  month to report on (default: the previous month, Paris time)
  --out DIR        folder for the CSV and the HTML page (default: reports/)
  --calls N        calls to play when the month is empty (default: 120)
  --no-seed        never play calls; report on what the line holds
  --help           this message
`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface ReportArgs {
  readonly month: ReportMonth;
  readonly out: string;
  readonly calls: number;
  readonly seed: boolean;
  readonly help: boolean;
}

/** Parses the command line; throws UsageError with a clear message on bad input. */
export function parseReportArgs(argv: readonly string[], now = new Date()): ReportArgs {
  let month: ReportMonth = previousMonth(now);
  let out = path.join(REPO_ROOT, 'reports');
  let calls = 120;
  let seed = true;
  let help = false;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] as string;
    const value = () => {
      const next = argv[index + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      index += 1;
      return next;
    };
    if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--month') {
      const text = value();
      try {
        month = parseMonth(text);
      } catch {
        throw new UsageError(`--month must be YYYY-MM (e.g. 2026-11), got "${text}"`);
      }
    } else if (arg === '--out') out = path.resolve(value());
    else if (arg === '--calls') {
      const text = value();
      calls = Number(text);
      if (!Number.isInteger(calls) || calls < 1 || calls > 2_000) {
        throw new UsageError(`--calls must be an integer from 1 to 2000, got "${text}"`);
      }
    } else if (arg === '--no-seed') seed = false;
    else throw new UsageError(`Unknown argument "${arg}"`);
  }
  return { month, out, calls, seed, help };
}

/** A small deterministic PRNG (mulberry32), so a seeded month is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Weighted<T> = readonly (readonly [T, number])[];
function pick<T>(random: () => number, choices: Weighted<T>): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [value, weight] of choices) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return (choices[choices.length - 1] as readonly [T, number])[0];
}

/** The communes callers most often come from in the seed (INSEE codes), with a long tail. */
const SEED_COMMUNES: Weighted<string> = [
  ['94028', 14],
  ['94081', 12],
  ['94068', 8],
  ['94033', 6],
  ['94080', 5],
  ['94002', 5],
  ['94046', 4],
  ['94041', 3],
  ['94017', 2],
  ['94052', 1],
  ['outside94', 3],
  ['unknown', 4],
];

/** What the listener's guide would submit for one answered call (a real-shaped guide event). */
export function seededQualification(random: () => number): Record<string, string | string[]> {
  const callType = pick(random, [
    ['real', 85],
    ['silent', 7],
    ['wrongNumber', 6],
    ['abusive', 2],
  ]);
  if (callType !== 'real') return { callType };
  const several = (choices: Weighted<string>, max: number) => {
    const chosen = new Set<string>();
    const count = 1 + Math.floor(random() * max);
    for (let n = 0; n < count; n += 1) chosen.add(pick(random, choices));
    return [...chosen];
  };
  const partnerCallback = pick(random, [
    ['none', 70],
    ['cidff94', 14],
    ['apcars94', 6],
    ['apce94', 4],
  ]);
  return {
    callType,
    callerRole: pick(random, [
      ['victim', 70],
      ['closeOne', 20],
      ['professional', 10],
    ]),
    gender: pick(random, [
      ['woman', 82],
      ['man', 12],
      ['other', 1],
      ['unknown', 5],
    ]),
    ageBand: [
      pick(random, [
        ['18-25', 14],
        ['26-35', 28],
        ['36-50', 34],
        ['51-65', 14],
        ['65+', 4],
        ['unknown', 6],
      ]),
    ],
    commune: [pick(random, SEED_COMMUNES)],
    violenceTypes: several(
      [
        ['psychological', 40],
        ['physical', 25],
        ['verbal', 20],
        ['economic', 8],
        ['sexual', 5],
        ['administrative', 4],
        ['cyber', 4],
      ],
      3,
    ),
    childrenExposed: pick(random, [
      ['yes', 45],
      ['no', 40],
      ['unknown', 15],
    ]),
    firstCall: pick(random, [
      ['first', 70],
      ['returning', 30],
    ]),
    orientations: several(
      [
        ['cidff94', 25],
        ['line3919', 20],
        ['eds', 15],
        ['police17', 12],
        ['apcars94', 8],
        ['lawyer', 8],
        ['health', 6],
        ['shelter115', 4],
        ['apce94', 4],
        ['other', 3],
      ],
      2,
    ),
    partnerCallback,
    // Fictional numbers (ARCEP range reserved for fiction); the callback path gets them, never the call.
    ...(partnerCallback === 'none'
      ? {}
      : {
          callbackPhone: `06 39 98 ${String(10 + Math.floor(random() * 89))} ${String(10 + Math.floor(random() * 89))}`,
          callbackSafeToCall: 'yes',
          callbackMayLeaveMessage: pick(random, [
            ['yes', 1],
            ['no', 2],
          ]),
          callbackSafeWindows: ['weekday-morning', 'weekday-afternoon'],
        }),
  };
}

/** The ContactFlowEvent the guide flow sends to qualify-call (the guide is a chat contact of its own). */
export function guideEvent(callContactId: string, fields: Record<string, unknown>): unknown {
  return {
    Name: 'ContactFlowEvent',
    Details: {
      ContactData: {
        ContactId: `guide-${callContactId}`,
        Channel: 'CHAT',
        InitiationMethod: 'FLOW',
        Attributes: { callContactId },
        SegmentAttributes: { 'connect:Subtype': { ValueString: 'connect:Guide' } },
      },
      Parameters: { callContactId, ...fields },
    },
  };
}

export interface PlayedMonth {
  readonly calls: number;
  readonly qualified: number;
  readonly outcomes: Readonly<Record<string, number>>;
}

/**
 * Plays `count` calls spread over the month's days through the flow interpreter (real call-intake and
 * contact-events), then, for each answered call, qualify-call with what the listener would submit.
 * The line's env must already be applied to process.env.
 */
export async function playQualifiedMonth(
  line: Pick<LineDescription, 'env' | 'resources' | 'templates'>,
  month: ReportMonth,
  count: number,
  onProgress: (message: string) => void = () => {},
): Promise<PlayedMonth> {
  const runner = createLocalCallRunner(line, { templates: line.templates });
  const random = seededRandom(Number(month.replace('-', '')));
  const days = daysOfMonth(month);
  const outcomes: Record<string, number> = {};
  let qualified = 0;
  for (let index = 0; index < count; index += 1) {
    const day = days[Math.floor(random() * days.length)] as string;
    // Mostly weekday office hours; some evening and week-end calls find the line closed.
    const hour = pick(random, [
      [9, 10],
      [10, 14],
      [11, 14],
      [12, 8],
      [13, 10],
      [14, 14],
      [15, 12],
      [16, 10],
      [19, 3],
      [21, 2],
    ]);
    const at = new Date(
      `${day}T${String(hour - 1).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}:00Z`,
    );
    const behaviour = pick(random, [
      ['answered', 80],
      ['missed', 10],
      ['ivr', 4],
      ['nobody', 6],
    ]);
    const transcript = await runner.run({
      at,
      staffed: behaviour === 'nobody' ? 0 : 2,
      keys: ['-'],
      answerAfterSeconds: 10 + Math.floor(random() * 240),
      talkSeconds: 240 + Math.floor(random() * 1_500),
      ...(behaviour === 'missed'
        ? { patienceSeconds: 5 + Math.floor(random() * 8), answerAfterSeconds: 400 }
        : {}),
      ...(behaviour === 'ivr' ? { hangUpAfter: { prompts: 1 } } : {}),
    });
    outcomes[transcript.outcome] = (outcomes[transcript.outcome] ?? 0) + 1;
    if (transcript.outcome === 'answered') {
      const result = await invokeFunction<{ status: string }>(
        'qualify-call',
        guideEvent(transcript.contactId, seededQualification(random)),
        { functionConfig: line.resources.functions['qualify-call'] },
      );
      if (result.ok && result.result.status === 'stored') qualified += 1;
    }
    if ((index + 1) % 20 === 0 || index + 1 === count) onProgress(`  ${index + 1}/${count} appels joués`);
  }
  return { calls: count, qualified, outcomes };
}

/** Writes report files to a local folder. */
export function folderWriter(folder: string): ReportWriter {
  return {
    async write(name, body) {
      fs.mkdirSync(folder, { recursive: true });
      const file = path.join(folder, name);
      fs.writeFileSync(file, body);
      return file;
    },
  };
}

async function monthHasCalls(
  dynamo: DynamoDBDocumentClient,
  table: string,
  month: ReportMonth,
): Promise<boolean> {
  for (const day of daysOfMonth(month)) {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: table,
        IndexName: BY_DAY_INDEX,
        KeyConditionExpression: '#day = :day',
        ExpressionAttributeNames: { '#day': 'day' },
        ExpressionAttributeValues: { ':day': day },
        Limit: 1,
      }),
    );
    if ((page.Items ?? []).length > 0) return true;
  }
  return false;
}

async function main(argv: readonly string[]): Promise<void> {
  const args = parseReportArgs(argv);
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  const log = (message: string) => process.stdout.write(`${message}\n`);
  const running = readLineFile();
  const attached = running !== undefined && (await isLineReachable(running));
  const owned = attached ? undefined : await startLocalLine({ onProgress: (message) => log(`  ${message}`) });
  const line = (attached ? running : owned) as LineDescription;
  log(attached ? 'Ligne locale de `npm start` trouvée.' : 'Ligne locale démarrée pour le rapport.');
  const { applyLineEnv } = await import('../runtime/line');
  applyLineEnv(line.env);
  // The report needs no EMF or info logs from the handlers it plays: keep its output readable.
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  const raw = new DynamoDBClient({
    endpoint: line.env.AWS_ENDPOINT_URL_DYNAMODB,
    region: line.env.AWS_REGION,
  });
  const dynamo = DynamoDBDocumentClient.from(raw);
  try {
    const table = line.env.CALLS_TABLE_NAME;
    if (args.seed && !(await monthHasCalls(dynamo, table, args.month))) {
      log(`Aucun appel en ${args.month} : ${args.calls} appels qualifiés sont joués sur la ligne locale…`);
      const played = await playQualifiedMonth(line, args.month, args.calls, log);
      log(
        `  issues : ${JSON.stringify(played.outcomes)} ; qualifications enregistrées : ${played.qualified}`,
      );
    }
    log(`Lecture des appels de ${args.month} (index byDay, un jour à la fois)…`);
    const result = await produceMonthlyReport(args.month, {
      dynamo,
      callsTable: table,
      writer: folderWriter(args.out),
      onDay: (day, count) => {
        if (count > 0) log(`  ${day} : ${count} appel(s)`);
      },
    });
    log(`${result.calls} appels lus. Fichiers écrits :`);
    for (const file of result.files) log(`  ${file}`);
  } finally {
    raw.destroy();
    await owned?.stop();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((caught: unknown) => {
    const error = caught instanceof Error ? caught : new Error(String(caught));
    process.stderr.write(
      `${error instanceof UsageError ? `${error.message}\n\n${USAGE}` : `${error.stack ?? error.message}\n`}`,
    );
    process.exitCode = error instanceof UsageError ? 2 : 1;
  });
}

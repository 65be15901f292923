/**
 * The metrics catalogue: every metric the line emits, with its unit and dimensions.
 * Functions emit only through these entries (Powertools Metrics, EMF), and the ObservabilityStack
 * builds its dashboard and alarms from the same entries, so a name can never drift between the two.
 * This module must stay free of runtime dependencies: the CDK app imports it.
 */

/** CloudWatch namespace of every custom metric. */
export const METRICS_NAMESPACE = 'PremierPas';
/** Powertools adds `service` as a default dimension to every metric. */
export const SERVICE_NAME = 'premier-pas';

/** Unit names as CloudWatch and Powertools spell them. */
export type MetricUnitName = 'Count' | 'Seconds';

export interface MetricDefinition {
  readonly name: string;
  readonly unit: MetricUnitName;
  /** Dimensions beyond `service`, in the order they are set. */
  readonly dimensions: readonly string[];
  readonly description: string;
}

const define = <const D extends readonly string[]>(
  name: string,
  unit: MetricUnitName,
  dimensions: D,
  description: string,
) => ({ name, unit, dimensions, description }) as const;

export const METRICS = {
  // Calls, from contact-events (Connect contact events) and call-intake.
  callsReceived: define('CallsReceived', 'Count', [], 'Calls that reached the main flow'),
  callsAnswered: define('CallsAnswered', 'Count', [], 'Calls connected to a listener'),
  callsMissedInQueue: define('CallsMissedInQueue', 'Count', [], 'Callers who hung up while queued'),
  callsAbandonedInIvr: define('CallsAbandonedInIvr', 'Count', [], 'Callers who hung up before the queue'),
  callsOutOfHours: define(
    'CallsOutOfHours',
    'Count',
    ['hour'],
    'Calls while the line is closed, by Paris hour',
  ),
  waitSeconds: define('WaitSeconds', 'Seconds', [], 'Time from queue entry to a listener or hang-up'),
  talkSeconds: define('TalkSeconds', 'Seconds', [], 'Time connected to a listener'),
  // Qualifications, from qualify-call.
  qualificationsRecorded: define(
    'QualificationsRecorded',
    'Count',
    [],
    'Qualified calls, counted once, when their statistics move',
  ),
  qualificationsByCallerRole: define('QualificationsByCallerRole', 'Count', ['callerRole'], 'By caller role'),
  // Callbacks, from the callback producers, dispatch-callback, partner-api and callback-watch.
  callbacksRequested: define('CallbacksRequested', 'Count', ['partnerId'], 'Callback requests created'),
  callbacksOpened: define('CallbacksOpened', 'Count', ['partnerId'], 'Phone numbers opened by a partner'),
  callbacksClosed: define(
    'CallbacksClosed',
    'Count',
    ['partnerId', 'outcome'],
    'Requests closed, by outcome',
  ),
  callbacksOpen: define('CallbacksOpen', 'Count', ['partnerId'], 'Open requests at the last watch run'),
  callbacksOverdue: define('CallbacksOverdue', 'Count', ['partnerId'], 'Open requests past their dueBy'),
  callbackTimeToClose: define(
    'CallbackTimeToClose',
    'Seconds',
    ['partnerId'],
    'From request to final outcome',
  ),
  // Failures.
  flowLambdaFallbacks: define(
    'FlowLambdaFallbacks',
    'Count',
    ['function'],
    'Flow Lambdas that answered safe defaults',
  ),
} as const;

export type MetricKey = keyof typeof METRICS;

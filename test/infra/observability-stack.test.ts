import { Match } from 'aws-cdk-lib/assertions';
import { METRICS, METRICS_NAMESPACE, SERVICE_NAME } from '#domain/metrics';
import { prod as config } from '../../config/stages/prod';
import { renderJoinedJson, resourcesOf, type SynthesizedLine, synthesizeLine } from '../support/synth';

interface Widget {
  readonly type: string;
  readonly properties: {
    readonly title?: string;
    readonly metrics?: unknown[][];
    readonly view?: string;
  };
}

/** Metric arrays of a widget, as [namespace, name, ...dimension pairs, options]. */
const metricRows = (widget: Widget | undefined) => (widget?.properties.metrics ?? []) as unknown[][];

describe('ObservabilityStack', () => {
  let synth: SynthesizedLine;
  let widgets: Widget[];
  beforeAll(() => {
    synth = synthesizeLine({ alarmEmail: 'astreinte@example.org' });
    const dashboards = resourcesOf(synth.observability, 'AWS::CloudWatch::Dashboard');
    expect(Object.keys(dashboards)).toHaveLength(1);
    const body = JSON.parse(renderJoinedJson(Object.values(dashboards)[0]?.Properties?.DashboardBody)) as {
      widgets: Widget[];
    };
    widgets = body.widgets;
  });
  const widget = (title: string) => widgets.find((candidate) => candidate.properties.title === title);

  describe('alarm topic', () => {
    it('is encrypted with a rotated key that CloudWatch may use, TLS only, with the configured e-mail', () => {
      synth.observability.hasResourceProperties('AWS::SNS::Topic', {
        KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('AlarmTopicKey'), 'Arn'] },
      });
      synth.observability.hasResourceProperties('AWS::KMS::Key', {
        EnableKeyRotation: true,
        KeyPolicy: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
            }),
          ]),
        },
      });
      synth.observability.hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
      synth.observability.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: 'astreinte@example.org',
      });
    });

    it('has no subscription when no e-mail is configured', () => {
      const withoutEmail = synthesizeLine({ alarmEmail: undefined });
      withoutEmail.observability.resourceCountIs('AWS::SNS::Subscription', 0);
    });
  });

  describe('dashboard', () => {
    it('graphs calls received, answered and missed from the catalogue names and service dimension', () => {
      const rows = metricRows(widget('Calls received, answered and missed'));
      for (const key of ['callsReceived', 'callsAnswered', 'callsMissedInQueue'] as const) {
        expect(rows).toContainEqual([
          METRICS_NAMESPACE,
          METRICS[key].name,
          'service',
          SERVICE_NAME,
          expect.objectContaining({ stat: 'Sum', period: 3600 }),
        ]);
      }
    });

    it('computes the % missed with metric math over answered and missed in queue', () => {
      const rows = metricRows(widget('% of queued calls missed'));
      const expression = rows.find(
        (row) => typeof (row[0] as { expression?: string }).expression === 'string',
      );
      expect((expression?.[0] as { expression?: string } | undefined)?.expression).toBe(
        'IF((answered + missed) > 0, 100 * missed / (answered + missed), 0)',
      );
      expect(rows).toContainEqual([
        METRICS_NAMESPACE,
        METRICS.callsMissedInQueue.name,
        'service',
        SERVICE_NAME,
        expect.objectContaining({ id: 'missed', visible: false }),
      ]);
    });

    it('shows wait p50 and p90, talk time, and out-of-hours calls by hour', () => {
      const waitStats = metricRows(widget('Wait before a listener (p50, p90)')).map(
        (row) => (row.at(-1) as { stat: string }).stat,
      );
      expect(waitStats).toEqual(['p50', 'p90']);
      expect(metricRows(widget('Talk time'))[0]?.[1]).toBe(METRICS.talkSeconds.name);
      const byHour = widget('Out-of-hours calls by hour of day (Paris)');
      expect(byHour?.properties.view).toBe('bar');
      expect(JSON.stringify(byHour?.properties.metrics)).toContain(
        `SEARCH('{${METRICS_NAMESPACE},hour,service} MetricName=\\"${METRICS.callsOutOfHours.name}\\"`,
      );
    });

    it('shows callbacks open and overdue, and time to close, for every configured partner', () => {
      for (const [title, key] of [
        ['Callbacks open by partner', 'callbacksOpen'],
        ['Callbacks overdue by partner', 'callbacksOverdue'],
        ['Callback time to close by partner (average)', 'callbackTimeToClose'],
      ] as const) {
        const partnerIds = metricRows(widget(title)).map((row) => {
          expect(row.slice(0, 2)).toEqual([METRICS_NAMESPACE, METRICS[key].name]);
          expect(row.slice(2, -1)).toEqual(['partnerId', expect.any(String), 'service', SERVICE_NAME]);
          return row[3];
        });
        expect(partnerIds).toEqual(config.partners.map((partner) => partner.id));
      }
    });

    it('shows the depth of every DLQ of the line', () => {
      const rows = metricRows(widget('Dead-letter queues (messages waiting)'));
      expect(rows).toHaveLength(synth.stacks.line.deadLetterQueues.length);
      expect(
        rows.every((row) => row[0] === 'AWS/SQS' && row[1] === 'ApproximateNumberOfMessagesVisible'),
      ).toBe(true);
    });

    it('shows errors, p99 duration and throttles of every function the line lists', () => {
      const count = synth.stacks.line.functions.length;
      expect(count).toBeGreaterThanOrEqual(4);
      expect(metricRows(widget('Lambda errors')).filter((row) => row[1] === 'Errors')).toHaveLength(count);
      const durations = metricRows(widget('Lambda duration p99'));
      expect(durations).toHaveLength(count);
      expect(durations.every((row) => (row.at(-1) as { stat: string }).stat === 'p99')).toBe(true);
      expect(metricRows(widget('Lambda throttles')).filter((row) => row[1] === 'Throttles')).toHaveLength(
        count,
      );
    });

    it('shows Amazon Connect’s own metrics with the documented dimensions', () => {
      const connectRows = widgets
        .filter((candidate) => candidate.properties.title?.startsWith('Amazon Connect'))
        .flatMap((candidate) => metricRows(candidate));
      const names = connectRows.map((row) => row[1]);
      expect(names).toEqual(
        expect.arrayContaining([
          'MissedCalls',
          'CallsBreachingConcurrencyQuota',
          'ContactFlowErrors',
          'QueueSize',
          'LongestQueueWaitTime',
        ]),
      );
      expect(connectRows.every((row) => row[0] === 'AWS/Connect' && row.includes('InstanceId'))).toBe(true);
      const queueSize = connectRows.find((row) => row[1] === 'QueueSize');
      expect(queueSize).toEqual(expect.arrayContaining(['MetricGroup', 'Queue', 'QueueName', 'Ecoute']));
      const flowErrors = connectRows.filter((row) => row[1] === 'ContactFlowErrors');
      const deployedFlowNames = Object.values(resourcesOf(synth.line, 'AWS::Connect::ContactFlow')).map(
        (flow) => flow.Properties?.Name,
      );
      expect(deployedFlowNames.length).toBeGreaterThanOrEqual(6);
      expect(flowErrors.map((row) => row[row.indexOf('ContactFlowName') + 1]).sort()).toEqual(
        deployedFlowNames.sort(),
      );
    });
  });

  describe('alarms', () => {
    const alarmsWhere = (synth: SynthesizedLine, pattern: Record<string, unknown>) =>
      Object.values(resourcesOf(synth.observability, 'AWS::CloudWatch::Alarm')).filter((alarm) =>
        Object.entries(pattern).every(
          ([key, value]) => JSON.stringify(alarm.Properties?.[key]) === JSON.stringify(value),
        ),
      );

    it('sends every alarm, and its recovery, to the topic and treats missing data as not breaching', () => {
      const alarms = Object.values(resourcesOf(synth.observability, 'AWS::CloudWatch::Alarm'));
      const topicId = Object.keys(resourcesOf(synth.observability, 'AWS::SNS::Topic'))[0];
      expect(alarms.length).toBeGreaterThan(0);
      for (const alarm of alarms) {
        expect(alarm.Properties).toMatchObject({
          AlarmActions: [{ Ref: topicId }],
          OKActions: [{ Ref: topicId }],
          TreatMissingData: 'notBreaching',
        });
      }
    });

    it('alarms on the first message in each DLQ', () => {
      const dlqAlarms = alarmsWhere(synth, { MetricName: 'ApproximateNumberOfMessagesVisible' });
      expect(dlqAlarms).toHaveLength(synth.stacks.line.deadLetterQueues.length);
      for (const alarm of dlqAlarms) {
        expect(alarm.Properties).toMatchObject({
          Namespace: 'AWS/SQS',
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        });
      }
    });

    it('alarms on errors of each function', () => {
      const errorAlarms = alarmsWhere(synth, { MetricName: 'Errors', Namespace: 'AWS/Lambda' });
      expect(errorAlarms).toHaveLength(synth.stacks.line.functions.length);
    });

    it('alarms on any overdue callback, summed over every partner', () => {
      synth.observability.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Metrics: Match.arrayWith([
          Match.objectLike({
            Expression: config.partners.map((partner) => `FILL(overdue_${partner.id}, 0)`).join(' + '),
          }),
          Match.objectLike({
            Id: 'overdue_cidff94',
            MetricStat: Match.objectLike({
              Metric: {
                Namespace: METRICS_NAMESPACE,
                MetricName: METRICS.callbacksOverdue.name,
                Dimensions: [
                  { Name: 'partnerId', Value: 'cidff94' },
                  { Name: 'service', Value: SERVICE_NAME },
                ],
              },
            }),
          }),
        ]),
      });
    });

    it('alarms on a missed-call rate of queued calls above the configured threshold', () => {
      synth.observability.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Threshold: config.missedCallRateThreshold * 100,
        ComparisonOperator: 'GreaterThanThreshold',
        Metrics: Match.arrayWith([
          Match.objectLike({
            Expression: 'IF((answered + missed) > 0, 100 * missed / (answered + missed), 0)',
          }),
          Match.objectLike({
            Id: 'missed',
            MetricStat: Match.objectLike({
              Metric: Match.objectLike({ MetricName: METRICS.callsMissedInQueue.name }),
              Period: 3600,
              Stat: 'Sum',
            }),
          }),
        ]),
      });
    });

    it('alarms on contact flow errors of every flow and on calls breaching the concurrency quota', () => {
      synth.observability.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Metrics: Match.arrayWith([
          Match.objectLike({
            MetricStat: Match.objectLike({
              Metric: Match.objectLike({ Namespace: 'AWS/Connect', MetricName: 'ContactFlowErrors' }),
            }),
          }),
        ]),
        Threshold: 1,
      });
      const quota = alarmsWhere(synth, {
        MetricName: 'CallsBreachingConcurrencyQuota',
        Namespace: 'AWS/Connect',
      });
      expect(quota).toHaveLength(1);
      expect(quota[0]?.Properties).toMatchObject({ Threshold: 1, Statistic: 'Sum' });
    });

    it('refuses a missed-call threshold that is not a rate', () => {
      expect(() => synthesizeLine({ missedCallRateThreshold: 20 })).toThrow('is not a rate in (0, 1)');
    });
  });
});

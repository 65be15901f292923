import { Match } from 'aws-cdk-lib/assertions';
import { prod } from '../../config/stages/prod';
import { resourcesOf, synthesizeLine } from '../support/synth';

/** The limits that keep a burst or a misuse from starving the line, and the flow logs kept under our rules. */
const { line, observability } = synthesizeLine();
const limits = prod.limits;

describe('abuse limits', () => {
  it('reserves concurrency for the flow Lambdas and caps partner-api', () => {
    const byName = Object.values(resourcesOf(line, 'AWS::Lambda::Function')).map((fn) => ({
      name: (fn as { Metadata?: Record<string, string> }).Metadata?.['premier-pas:function'],
      reserved: fn.Properties?.ReservedConcurrentExecutions,
    }));
    expect(byName).toEqual(
      expect.arrayContaining([
        { name: 'call-intake', reserved: limits.flowFunctionConcurrency },
        { name: 'request-callback', reserved: limits.flowFunctionConcurrency },
        { name: 'partner-api', reserved: limits.partnerApiConcurrency },
      ]),
    );
  });

  it('throttles the partner API, and opening a number more strictly', () => {
    line.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: {
        ThrottlingRateLimit: limits.partnerApiRate.perSecond,
        ThrottlingBurstLimit: limits.partnerApiRate.burst,
      },
      RouteSettings: {
        'POST /callbacks/{id}/open': {
          ThrottlingRateLimit: limits.openNumberRate.perSecond,
          ThrottlingBurstLimit: limits.openNumberRate.burst,
        },
      },
    });
    expect(limits.openNumberRate.perSecond).toBeLessThan(limits.partnerApiRate.perSecond);
  });

  it.each(prod.partners.map((partner) => partner.id))(
    'alarms when %s opens too many numbers in an hour',
    (id) => {
      observability.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Metrics: [
          Match.objectLike({
            MetricStat: {
              Metric: Match.objectLike({
                MetricName: 'CallbacksOpened',
                Dimensions: Match.arrayWith([{ Name: 'partnerId', Value: id }]),
              }),
              Period: 3600,
              Stat: 'Sum',
            },
          }),
        ],
        Threshold: limits.openedNumbersPerHourAlarm,
        ComparisonOperator: 'GreaterThanThreshold',
      });
    },
  );
});

describe('Connect flow logs', () => {
  it('go to a log group made before the instance, with the stage retention and a customer key', () => {
    const groups = resourcesOf(line, 'AWS::Logs::LogGroup');
    const [groupId, group] =
      Object.entries(groups).find(
        ([, g]) => g.Properties?.LogGroupName === `/aws/connect/${prod.instanceAlias}`,
      ) ?? [];
    expect(group?.Properties?.RetentionInDays).toBe(prod.retention.logsDays);
    expect(group?.Properties?.KmsKeyId).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^FlowLogsKey/), 'Arn'],
    });
    const [instance] = Object.values(resourcesOf(line, 'AWS::Connect::Instance'));
    expect(instance?.DependsOn).toContain(groupId);
  });
});

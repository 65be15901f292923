import { Duration } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { METRICS, METRICS_NAMESPACE, SERVICE_NAME } from '#domain/metrics';
import {
  CatalogueDimensionsError,
  catalogueMetric,
  catalogueSearch,
  missedCallRatePercent,
} from '../../infra/constructs/catalogue-metrics';
import { ConnectMetrics } from '../../infra/constructs/connect-metrics';

describe('catalogue metrics', () => {
  const hour = Duration.hours(1);

  it('builds a metric from the catalogue entry with the service dimension', () => {
    const metric = catalogueMetric('callbacksOverdue', {
      dimensions: { partnerId: 'apce94' },
      statistic: 'Maximum',
      period: hour,
    });

    expect(metric.namespace).toBe(METRICS_NAMESPACE);
    expect(metric.metricName).toBe(METRICS.callbacksOverdue.name);
    expect(metric.dimensions).toEqual({ service: SERVICE_NAME, partnerId: 'apce94' });
  });

  it('refuses dimensions the catalogue entry does not have, or misses', () => {
    expect(() =>
      catalogueMetric('callsReceived', { dimensions: { partnerId: 'x' }, statistic: 'Sum', period: hour }),
    ).toThrow(CatalogueDimensionsError);
    expect(() => catalogueMetric('callbacksOpen', { statistic: 'Sum', period: hour })).toThrow(
      'metric callbacksOpen has dimensions [partnerId], not []',
    );
  });

  it('searches every value of an open dimension of one entry', () => {
    expect(catalogueSearch('callsOutOfHours', 'Sum', hour).expression).toBe(
      `SEARCH('{PremierPas,hour,service} MetricName="${METRICS.callsOutOfHours.name}" service="premier-pas"', 'Sum', 3600)`,
    );
  });

  it('computes the missed-call rate only from queued calls', () => {
    const rate = missedCallRatePercent(hour);
    expect(
      Object.values(rate.usingMetrics).map((metric) => (metric as cloudwatch.Metric).metricName),
    ).toEqual([METRICS.callsAnswered.name, METRICS.callsMissedInQueue.name]);
  });

  it('refuses more contact flows than one alarm expression can hold', () => {
    const metrics = new ConnectMetrics({
      instanceId: 'instance',
      queueName: 'Ecoute',
      contactFlowNames: Array.from({ length: 11 }, (_, index) => `flow ${index}`),
    });
    expect(() => metrics.contactFlowErrorsTotal()).toThrow('11 contact flows exceed the 10 metrics');
  });
});

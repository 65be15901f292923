import { Metrics } from '@aws-lambda-powertools/metrics';
import {
  MetricDimensionsError,
  powertoolsMetricSink,
  recordingMetricSink,
} from '../../../functions/shared/emit-metric';

describe('metric sinks', () => {
  test('dimensions must be exactly those of the catalogue entry', () => {
    const sink = recordingMetricSink();
    expect(() => sink.emit('callsOutOfHours', 1)).toThrow(MetricDimensionsError);
    expect(() => sink.emit('callsAnswered', 1, { hour: '3' })).toThrow(MetricDimensionsError);
    sink.emit('callsOutOfHours', 1, { hour: '21' });
    expect(sink.recorded).toEqual([{ key: 'callsOutOfHours', value: 1, dimensions: { hour: '21' } }]);
  });

  test('Powertools sink: catalogue name and unit; a dimensioned metric goes out on its own', () => {
    const metrics = new Metrics({ namespace: 'Test', serviceName: 'test' });
    const single = new Metrics({ namespace: 'Test', serviceName: 'test' });
    const addMetric = jest.spyOn(metrics, 'addMetric').mockReturnThis();
    jest.spyOn(metrics, 'singleMetric').mockReturnValue(single);
    const singleAdd = jest.spyOn(single, 'addMetric').mockReturnThis();
    const singleDimension = jest.spyOn(single, 'addDimension');
    const sink = powertoolsMetricSink(metrics);

    sink.emit('waitSeconds', 45);
    sink.emit('flowLambdaFallbacks', 1, { function: 'call-intake' });

    expect(addMetric).toHaveBeenCalledWith('WaitSeconds', 'Seconds', 45);
    expect(singleDimension).toHaveBeenCalledWith('function', 'call-intake');
    expect(singleAdd).toHaveBeenCalledWith('FlowLambdaFallbacks', 'Count', 1);
  });
});

import type { StageConfig } from '#domain/stage';
import { stageConfig as namedStageConfig } from '../../config/stages';
import type { StackTemplate } from '../runtime/cfn-template';
import { putEvent } from '../runtime/eventbridge-delivery';
import { invokeFunction } from '../runtime/lambda-runtime';
import type { LocalLineEnv } from '../runtime/line';
import type { ProvisionedResources } from '../runtime/provisioned-resources';
import { synthesizeLineTemplates } from '../runtime/synthesize-app';
import { runCall } from './interpreter';
import {
  type CallScenario,
  type CallTranscript,
  type ContactEventSink,
  InterpreterError,
  type LambdaPort,
} from './interpreter-types';
import { type LoadedTemplateFlows, loadTemplateFlows } from './template-flows';

/**
 * Wires the interpreter to the local line: flows from the synthesized template, Lambdas through the
 * real handlers (lambda-runtime), and contact events through the template's EventBridge rules to
 * `contact-events`, so call records and metrics come out as on AWS.
 */

/** The part of a running local line the calls need. */
export interface CallLine {
  readonly env: LocalLineEnv;
  readonly resources: ProvisionedResources;
}

export interface LocalCallRunner {
  readonly flows: LoadedTemplateFlows;
  run(scenario: CallScenario): Promise<CallTranscript>;
}

/**
 * Prepares simulated calls on `line`. The line's env must already be applied to process.env
 * (handlers read it when they load).
 */
export function createLocalCallRunner(
  line: CallLine,
  options: {
    readonly stageConfig?: StageConfig;
    /** The synthesized app, if already at hand. @default synthesized now with `stageConfig` */
    readonly templates?: readonly StackTemplate[];
  } = {},
): LocalCallRunner {
  const stageConfig = options.stageConfig ?? namedStageConfig();
  const templates = options.templates ?? synthesizeLineTemplates(stageConfig);
  const flows = loadTemplateFlows(
    templates.map((stack) => stack.template),
    { instanceArn: line.env.CONNECT_INSTANCE_ARN },
  );
  const lambdas: LambdaPort = {
    async invoke(functionName, event, timeLimitMs) {
      const functionConfig = line.resources.functions[functionName];
      // The function's own timeout may end it before Connect's limit does.
      const timeoutMs = Math.min(timeLimitMs, (functionConfig?.timeoutSeconds ?? 3) * 1000);
      return invokeFunction(functionName, event, {
        timeoutMs,
        ...(functionConfig ? { functionConfig } : {}),
      });
    },
  };
  const contactEvents: ContactEventSink = {
    async send(event) {
      const deliveries = await putEvent(
        { ...event, resources: [...event.resources] },
        line.resources.eventRules,
        line.resources.functions,
      );
      if (deliveries.length === 0) {
        throw new InterpreterError(
          `no EventBridge rule of the template matches the ${String(event.detail.eventType)} event`,
        );
      }
      for (const delivery of deliveries) {
        if (!delivery.invocation.ok) {
          const { name, message } = delivery.invocation.error;
          throw new InterpreterError(
            `${delivery.functionName} failed on ${String(event.detail.eventType)}: ${name}: ${message}`,
          );
        }
      }
    },
  };
  return {
    flows,
    run: (scenario) => runCall({ flows, lambdas, contactEvents, hours: stageConfig }, scenario),
  };
}

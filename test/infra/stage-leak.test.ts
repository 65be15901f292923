import type { StageConfig } from '#domain/stage';
import { prod } from '../../config/stages/prod';
import { FUNCTION_ENVIRONMENTS, type FunctionName, readEnvironment } from '../../functions/shared/env';
import { FLOW_ROLE_METADATA_KEY } from '../../infra/constructs/contact-flows';
import { FUNCTION_METADATA_KEY } from '../../infra/constructs/line-function';
import { renderJoinedJson, resourcesOf, synthesizeLine } from '../support/synth';

/**
 * A stage whose every value differs from prod's must reach the templates, the functions' environment
 * and the flow texts whole: no prod value may leak in through a default or a module-level import.
 */
const leak: StageConfig = {
  ...prod,
  stage: 'leak',
  instanceAlias: 'premier-pas-leak-test',
  weekdayHours: (['TUESDAY', 'THURSDAY'] as const).map((day) => ({ day, start: '10:00', end: '16:00' })),
  holidayYears: [2031],
  listeners: [{ username: 'leak-listener', firstName: 'Fuite', lastName: 'Test' }],
  partners: [
    { id: 'cidff94', name: 'CIDFF test', slaHours: 11, maxAttempts: 5 },
    { id: 'apcars94', name: 'APCARS test', slaHours: 13, maxAttempts: 6 },
    { id: 'apce94', name: 'APCE test', slaHours: 17, maxAttempts: 7 },
    { id: 'line', name: 'Ligne test', slaHours: 19, maxAttempts: 8 },
  ],
  missedCallRateThreshold: 0.37,
  retention: { callsDays: 401, closedCallbacksDays: 23, idempotencyHours: 7, logsDays: 60 },
  partnerPortalDomain: {
    domainName: 'portail.fuite.example',
    certificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9',
  },
};
const leakPortalUrl = 'https://portail.fuite.example/';

const synthesized = synthesizeLine(leak);
const templates = {
  data: synthesized.data.toJSON(),
  line: synthesized.line.toJSON(),
  observability: synthesized.observability.toJSON(),
};
const everything = JSON.stringify(templates);

/** Each function's environment, by its folder name, with CloudFormation references as placeholders. */
function functionEnvironments(): Map<string, Record<string, string>> {
  const environments = new Map<string, Record<string, string>>();
  for (const template of Object.values(templates) as { Resources?: Record<string, unknown> }[]) {
    for (const resource of Object.values(template.Resources ?? {}) as {
      Type: string;
      Metadata?: Record<string, string>;
      Properties?: { Environment?: { Variables?: Record<string, unknown> } };
    }[]) {
      const name = resource.Metadata?.[FUNCTION_METADATA_KEY];
      if (resource.Type !== 'AWS::Lambda::Function' || name === undefined) continue;
      const variables = resource.Properties?.Environment?.Variables ?? {};
      environments.set(
        name,
        Object.fromEntries(
          Object.entries(variables).map(([key, value]) => [
            key,
            typeof value === 'string'
              ? value
              : // A deploy-time attribute (KMS GetPublicKey): base64 DER, as the custom resource returns it.
                key === 'CALLBACK_ENVELOPE_PUBLIC_KEY'
                ? 'A'.repeat(532)
                : `https://resolved.example/${key.toLowerCase()}`,
          ]),
        ),
      );
    }
  }
  return environments;
}

describe('stage values come from the stage, never from prod', () => {
  it('the closed flow announces the stage hours, 10 to 16', () => {
    const flows = Object.values(resourcesOf(synthesized.line, 'AWS::Connect::ContactFlow')) as {
      Metadata?: Record<string, string>;
      Properties?: { Content?: unknown };
    }[];
    const closed = flows.find((flow) => flow.Metadata?.[FLOW_ROLE_METADATA_KEY] === 'lineClosed');
    const text = renderJoinedJson(closed?.Properties?.Content);
    expect(text).toContain('de 10 heures à 16 heures');
    expect(text).not.toMatch(/\b(9|17) heures/);
  });

  it('no prod-only value appears in any template', () => {
    for (const value of [prod.instanceAlias, '"730"', 'ecoutante1']) {
      expect(everything).not.toContain(value);
    }
    const retentions = new Set(
      Object.values(resourcesOf(synthesized.line, 'AWS::Logs::LogGroup')).map(
        (group) => group.Properties?.RetentionInDays,
      ),
    );
    expect(retentions).toEqual(new Set([60]));
  });

  it('every function gets the stage values it needs, and its environment schema accepts them', () => {
    const environments = functionEnvironments();
    expect([...environments.keys()].sort()).toEqual(Object.keys(FUNCTION_ENVIRONMENTS).sort());
    const partners = leak.partners.map(({ id, slaHours, maxAttempts }) => ({ id, slaHours, maxAttempts }));
    for (const [name, env] of environments) {
      const parsed = readEnvironment(name as FunctionName, env) as Record<string, unknown>;
      if ('CALLS_RETENTION_DAYS' in parsed) expect(parsed.CALLS_RETENTION_DAYS).toBe(401);
      if ('CLOSED_CALLBACKS_RETENTION_DAYS' in parsed)
        expect(parsed.CLOSED_CALLBACKS_RETENTION_DAYS).toBe(23);
      if ('IDEMPOTENCY_HOURS' in parsed) expect(parsed.IDEMPOTENCY_HOURS).toBe(7);
      if ('PARTNERS' in parsed) expect(parsed.PARTNERS).toEqual(partners);
      if ('PARTNER_PORTAL_URL' in parsed) expect(parsed.PARTNER_PORTAL_URL).toBe(leakPortalUrl);
      if ('LINE_HOURS' in parsed) {
        expect(parsed.LINE_HOURS).toEqual({ weekdayHours: leak.weekdayHours, holidayYears: [2031] });
      }
    }
    // call-intake no longer sets a retention: the call item's life is fixed; the statistics carry the stage's.
    expect(environments.get('sweep-statistics')?.CALLS_RETENTION_DAYS).toBe('401');
    expect(environments.get('contact-events')?.CALLS_RETENTION_DAYS).toBe('401');
    expect(environments.get('contact-events')?.LINE_HOURS).toContain('10:00');
  });

  it('the Connect hours and instance are the stage ones', () => {
    synthesized.line.hasResourceProperties('AWS::Connect::Instance', { InstanceAlias: leak.instanceAlias });
    const hours = Object.values(resourcesOf(synthesized.line, 'AWS::Connect::HoursOfOperation'))[0];
    const config = hours?.Properties?.Config as { Day: string; StartTime: { Hours: number } }[];
    expect(config.map((day) => [day.Day, day.StartTime.Hours])).toEqual([
      ['TUESDAY', 10],
      ['THURSDAY', 10],
    ]);
  });
});

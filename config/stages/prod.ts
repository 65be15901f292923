import type { StageConfig } from '#domain/stage';

/** The line as the département runs it: the number callers dial. */
export const prod: StageConfig = {
  stage: 'prod',
  region: 'eu-central-1',
  instanceAlias: 'un-premier-pas-94',
  timeZone: 'Europe/Paris',
  weekdayHours: (['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] as const).map((day) => ({
    day,
    start: '09:00',
    end: '17:00',
  })),
  holidayYears: [2026, 2027, 2028],
  phoneNumber: { countryCode: 'FR', type: 'DID' },
  // A second French number, shown on callbacks only (docs/callback-safety.md).
  callbackCallerNumber: { countryCode: 'FR', type: 'DID' },
  listeners: [
    { username: 'ecoutante1', firstName: 'Écoutante', lastName: 'Un' },
    { username: 'ecoutante2', firstName: 'Écoutante', lastName: 'Deux' },
    { username: 'ecoutante3', firstName: 'Écoutante', lastName: 'Trois' },
    { username: 'ecoutante4', firstName: 'Écoutante', lastName: 'Quatre' },
  ],
  partners: [
    { id: 'cidff94', name: 'CIDFF 94', slaHours: 48, maxAttempts: 3 },
    { id: 'apcars94', name: 'APCARS 94', slaHours: 48, maxAttempts: 3 },
    { id: 'apce94', name: 'APCE 94', slaHours: 72, maxAttempts: 3 },
    { id: 'line', name: 'Un premier pas', slaHours: 24, maxAttempts: 3 },
  ],
  // Not yet: the associations have not given the addresses to notify. Until they do, ops subscribe
  // each association's contact to its topic by hand (runbook, "Partner notifications"). List their
  // `notificationEmails` above and set this to true: synth then refuses an association without one.
  notifyPartners: false,
  missedCallRateThreshold: 0.2,
  retention: { callsDays: 730, closedCallbacksDays: 30, idempotencyHours: 24, logsDays: 90 },
  // No partnerPortalDomain yet: the portal is served at its CloudFront address (a Line stack output).
  // Once the DNS of partenaires.unpremierpas94.fr and an ACM certificate for it in us-east-1 exist, set
  // partnerPortalDomain: { domainName: 'partenaires.unpremierpas94.fr', certificateArn: 'arn:aws:acm:us-east-1:…' }
  // (docs/runbook.md, "The partner portal").
  // Polly voices available in eu-central-1, each with the best engine it supports there; why each one:
  // docs/translations-review.md. The texts are to be reviewed by native speakers before go-live.
  callerLanguages: {
    languages: [
      {
        code: 'en',
        key: '2',
        voice: { kind: 'polly', voiceId: 'Amy', engine: 'Neural', languageTag: 'en-GB' },
      },
      {
        code: 'ar',
        key: '3',
        voice: { kind: 'polly', voiceId: 'Zeina', engine: 'Standard', languageTag: 'arb' },
      },
      {
        code: 'pt',
        key: '4',
        voice: { kind: 'polly', voiceId: 'Ines', engine: 'Neural', languageTag: 'pt-PT' },
      },
      {
        code: 'es',
        key: '5',
        voice: { kind: 'polly', voiceId: 'Lucia', engine: 'Neural', languageTag: 'es-ES' },
      },
      {
        code: 'tr',
        key: '6',
        voice: { kind: 'polly', voiceId: 'Filiz', engine: 'Standard', languageTag: 'tr-TR' },
      },
      {
        code: 'ro',
        key: '7',
        voice: { kind: 'polly', voiceId: 'Carmen', engine: 'Standard', languageTag: 'ro-RO' },
      },
      {
        code: 'ru',
        key: '8',
        voice: { kind: 'polly', voiceId: 'Tatyana', engine: 'Standard', languageTag: 'ru-RU' },
      },
      {
        code: 'zh',
        key: '9',
        voice: { kind: 'polly', voiceId: 'Zhiyu', engine: 'Neural', languageTag: 'cmn-CN' },
      },
    ],
    // To confirm with the associations: CIDFF 94 takes the requests left in another language.
    interpreterPartnerId: 'cidff94',
  },
  // Four listeners take at most a few calls at once; an association opens a handful of numbers a day.
  limits: {
    flowFunctionConcurrency: 10,
    partnerApiConcurrency: 5,
    partnerApiRate: { perSecond: 10, burst: 20 },
    openNumberRate: { perSecond: 1, burst: 5 },
    openedNumbersPerHourAlarm: 20,
  },
};

import type { CallerLanguage } from '#domain/caller-languages';
import { CALLER_PROMPT_TRANSLATIONS } from '#domain/texts/caller-prompts-translations';
import { prod as config } from '../../../config/stages/prod';
import type { DefinedFlow } from '../../../infra/flows/builder';
import type { FlowAction, FlowDocument } from '../../../infra/flows/language';
import { lineFlows } from '../../../infra/flows/line-flows';
import { validateFlow, validateLanguages } from '../../../infra/flows/validator';
import { SAMPLE_LINE_FLOW_REFS } from '../../support/line-flow-refs';

/** The languages' rules, each proven by a deliberately broken flow or broken texts. */

const flows = () => lineFlows(SAMPLE_LINE_FLOW_REFS, config.weekdayHours, config.callerLanguages);
type MutableAction = { -readonly [K in keyof FlowAction]: FlowAction[K] } & Record<string, unknown>;

function broken(
  flow: DefinedFlow,
  change: (actions: MutableAction[], document: Record<string, unknown>) => void,
) {
  const document = structuredClone(flow.document) as unknown as Record<string, unknown>;
  change(document.Actions as MutableAction[], document);
  return validateFlow(flow.name, flow.type, document as unknown as FlowDocument);
}

const action = (actions: MutableAction[], id: string): MutableAction => {
  const found = actions.find((candidate) => candidate.Identifier === id);
  if (found === undefined) throw new Error(`test setup: no action ${id}`);
  return found;
};

const setErrorTarget = (target: MutableAction, next: string) => {
  target.Transitions = {
    ...target.Transitions,
    Errors: [{ NextAction: next, ErrorType: 'NoMatchingError' }],
  };
};

describe('the languages as configured', () => {
  it('pass every language rule, in every flow', () => {
    expect(validateLanguages(config.callerLanguages.languages)).toEqual([]);
    for (const flow of Object.values(flows()))
      expect(validateFlow(flow.name, flow.type, flow.document)).toEqual([]);
  });
});

describe('every Set voice action falls back to French and goes on', () => {
  it('catches a language voice whose error branch skips the French voice', () => {
    const issues = broken(flows().customerQueue, (actions) =>
      setErrorTarget(action(actions, 'Voice_ar'), 'Emergency_ar'),
    );
    expect(issues).toContainEqual(expect.objectContaining({ rule: 'voice-fallback', actionId: 'Voice_ar' }));
  });

  it('catches a fallback to French that hangs up', () => {
    const issues = broken(flows().lineClosed, (actions) => {
      action(actions, 'VoiceFallback_en').Transitions = {
        NextAction: 'HangUp',
        Errors: [{ NextAction: 'HangUp', ErrorType: 'NoMatchingError' }],
      };
    });
    expect(issues).toContainEqual(expect.objectContaining({ rule: 'voice-fallback', actionId: 'Voice_en' }));
  });

  it('catches a French voice whose error branch goes elsewhere than success', () => {
    const issues = broken(flows().mainInbound, (actions) =>
      setErrorTarget(action(actions, 'FrenchVoice'), 'HangUp'),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({ rule: 'voice-fallback', actionId: 'FrenchVoice' }),
    );
  });
});

describe('the language offer never comes before the French emergency numbers', () => {
  it('catches an offer moved before the emergency message', () => {
    const issues = broken(flows().noListener, (actions) => {
      action(actions, 'Announcement').Transitions = {
        NextAction: 'OfferVoice_en',
        Errors: [{ NextAction: 'OfferVoice_en', ErrorType: 'NoMatchingError' }],
      };
    });
    expect(issues).toContainEqual(
      expect.objectContaining({ rule: 'language-before-emergency', actionId: 'OfferVoice_en' }),
    );
  });
});

describe('every configured language has its texts', () => {
  const arabic = config.callerLanguages.languages.find(
    (language) => language.code === 'ar',
  ) as CallerLanguage;

  it('catches an emergency message without 1 1 4', () => {
    const texts = {
      ...CALLER_PROMPT_TRANSLATIONS,
      ar: { ...CALLER_PROMPT_TRANSLATIONS.ar, emergencyNumbers: 'اتصلي بالرقم 1 7 أو 39 19.' },
    };
    expect(validateLanguages([arabic], texts)).toEqual([
      expect.objectContaining({ rule: 'language-texts', message: expect.stringContaining('17, 114, 3919') }),
    ]);
  });

  it('catches a missing prompt, and a language without texts', () => {
    const { askWindow: _dropped, ...withoutWindow } = CALLER_PROMPT_TRANSLATIONS.ar;
    expect(validateLanguages([arabic], { ar: withoutWindow })).toEqual([
      expect.objectContaining({ rule: 'language-texts', message: 'prompt "askWindow" is missing' }),
    ]);
    expect(validateLanguages([arabic], {})).toEqual([
      expect.objectContaining({ rule: 'language-texts', message: 'no texts for this language' }),
    ]);
  });

  it('catches a key taken twice, the callback key, and recorded prompts not played yet', () => {
    const english = { ...arabic, code: 'en' as const };
    const recorded: CallerLanguage = {
      code: 'ru',
      key: '1',
      voice: { kind: 'recorded', promptsPrefix: 'ru/' },
    };
    const messages = validateLanguages([arabic, english, recorded]).map((issue) => issue.message);
    expect(messages).toEqual([
      `key ${arabic.key} already chooses another language`,
      'key "1" is not one of 2 to 9 (1 asks for a callback)',
      'recorded prompts are declared but not played by the flows yet',
    ]);
  });
});

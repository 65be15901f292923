import { QUALIFICATION_FIELDS, type QualificationField } from '#domain/qualification/schema';
import { CALLER_PROMPTS } from '#domain/texts/caller-prompts';
import { GUIDE_SCREENS, LISTENER_WHISPER } from '#domain/texts/listener-messages';
import { STAGES } from '../../../config/stages';
import {
  callTypeViewContent,
  formViewContent,
  resultViewContent,
  viewComponents,
} from '../../../infra/constructs/qualification-view';
import { lineFlows, WAITED_MINUTES_ATTRIBUTE } from '../../../infra/flows/line-flows';
import { readLayerSources } from '../../support/dependency-rules';
import { SAMPLE_LINE_FLOW_REFS } from '../../support/line-flow-refs';
import { callerTexts, listenerTexts, partnerTexts, RENDERED_EXPORTS, TEXT_MODULES } from './rendered-texts';

/**
 * domain/texts is the one home of every sentence a caller hears and a listener or partner reads: the
 * flows, the guide's screens and the functions take their words from there, and no other module writes
 * a French sentence of its own or a copy of one.
 */

const TEXTS_HOME = 'domain/texts/';

/**
 * Modules allowed French literals, and why: the form's one definition (labels, options, help), the
 * generated commune and territory names, and the monthly report, which the département reads, not a caller, a
 * listener or a partner.
 */
const OTHER_HOMES = [
  'domain/qualification/schema.ts',
  'domain/qualification/communes.generated.ts',
  'domain/qualification/territories.generated.ts',
  'functions/monthly-report/',
];

/**
 * A quoted string on one line, or a template literal; comments are stripped before. French is told by
 * a heuristic (an accent, the typographic apostrophe, a French article or pronoun before a word); the
 * copy check and the flows' and screens' checks below do not depend on it.
 */
const STRING_LITERAL = /'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g;
const FRENCH =
  /[àâçéèêëîïôûùüÿœ’]|(?<!\p{L})(?:le|la|les|des|une|vous|est|pour|pas|du|au|avec|dans|votre)\s(?=\p{L})/iu;

function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** The sentences of a text, long enough that finding one elsewhere is a copy, not a chance. */
function sentences(text: string): string[] {
  return text
    .split(/(?<=[.?!:])\s+|\n/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length >= 15);
}

/** Whether `text` is made only of `known` texts (a flow may say several prompts in one action). */
function composedOf(text: string, known: readonly string[]): boolean {
  const longestFirst = [...known].sort((a, b) => b.length - a.length);
  return longestFirst.reduce((rest, piece) => rest.split(piece).join(' '), text).trim() === '';
}

/** Every `Text` a flow document holds (messages, menus, digit prompts, hold loops). */
function spokenTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(spokenTexts);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === 'Text' && typeof value === 'string' ? [value] : spokenTexts(value),
  );
}

describe('domain/texts', () => {
  it('exports only texts the wording tests render', () => {
    for (const [module, exported] of Object.entries(RENDERED_EXPORTS)) {
      expect(Object.keys(TEXT_MODULES[module as keyof typeof TEXT_MODULES]).sort()).toEqual(
        [...exported].sort(),
      );
    }
  });

  it('is the only place a sentence is written: no other module holds a copy', () => {
    const all = [...new Set([...callerTexts(), ...listenerTexts(), ...partnerTexts()].flatMap(sentences))];
    expect(all.length).toBeGreaterThan(40);
    const copies = readLayerSources(['domain', 'config', 'infra', 'functions', 'events', 'local', 'bench'])
      .filter((file) => !file.path.startsWith(TEXTS_HOME))
      .flatMap((file) =>
        all.filter((sentence) => file.source.includes(sentence)).map((s) => `${file.path}: ${s}`),
      );
    expect(copies).toEqual([]);
  });

  it('leaves no French sentence in the functions, events and domain modules around it', () => {
    const found = readLayerSources(['domain', 'functions', 'events'])
      .filter((file) => !file.path.startsWith(TEXTS_HOME))
      .filter((file) => !OTHER_HOMES.some((home) => file.path.startsWith(home)))
      .flatMap((file) =>
        [...withoutComments(file.source).matchAll(STRING_LITERAL)]
          .map((match) => match[0])
          .filter((literal) => FRENCH.test(literal))
          .map((literal) => `${file.path}: ${literal}`),
      );
    expect(found).toEqual([]);
  });

  it('gives the flows every word they say: caller prompts, and the whisper for the listener', () => {
    const known = [
      ...callerTexts(),
      ...Object.values(LISTENER_WHISPER).filter((text) => typeof text === 'string'),
      LISTENER_WHISPER.minutes(`$.Attributes.${WAITED_MINUTES_ATTRIBUTE}`),
    ];
    for (const stage of Object.values(STAGES)) {
      const said = Object.values(lineFlows(SAMPLE_LINE_FLOW_REFS, stage.weekdayHours)).flatMap((flow) =>
        spokenTexts(flow.document),
      );
      expect(said).toContain(CALLER_PROMPTS.offerCallback);
      expect(said.filter((text) => !composedOf(text, known))).toEqual([]);
    }
  });

  it('gives the guide screens every word around the fields; the fields’ words come from the schema', () => {
    const fields = QUALIFICATION_FIELDS as readonly QualificationField[];
    const known = new Set<string>([
      ...Object.values(GUIDE_SCREENS).flatMap((text) =>
        typeof text === 'string' ? [text] : Object.values(text),
      ),
      ...fields.flatMap((field) => [
        field.label,
        ...(field.help === undefined ? [] : [field.help]),
        ...(field.kind === 'text' ? [] : field.options.map((option) => option.label)),
      ]),
    ]);
    const shown = [callTypeViewContent(), formViewContent(), resultViewContent()].flatMap((content) => [
      content.Template.Head.Title,
      ...viewComponents(content).flatMap((component) => {
        const props = component.Props as Record<string, unknown>;
        const sections = Array.isArray(props.Sections) ? (props.Sections as { Heading?: unknown }[]) : [];
        return [
          props.Heading,
          props.Label,
          props.HelperText,
          ...sections.map((section) => section.Heading),
          ...(component.Content ?? []),
        ].filter((text): text is string => typeof text === 'string' && !text.startsWith('$.'));
      }),
    ]);
    expect(shown.length).toBeGreaterThan(10);
    expect(shown.filter((text) => !known.has(text))).toEqual([]);
  });
});

import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CALLER_PROMPT_TRANSLATIONS,
  TRANSLATED_PROMPT_KEYS,
} from '#domain/texts/caller-prompts-translations';
import { prod } from '../../../config/stages/prod';
import { renderTranslationsReview } from '../../../local/docs/translations-review';

const DOC = path.join(__dirname, '..', '..', '..', 'docs', 'translations-review.md');

describe('docs/translations-review.md', () => {
  it('is the list of the texts as the line says them (regenerate with local/cli/translations-review.ts --write)', () => {
    expect(fs.readFileSync(DOC, 'utf8')).toBe(renderTranslationsReview(prod.callerLanguages));
  });

  it('lists every translated prompt of every configured language, marked to review', () => {
    const doc = fs.readFileSync(DOC, 'utf8');
    for (const language of prod.callerLanguages.languages) {
      for (const key of TRANSLATED_PROMPT_KEYS) {
        const text =
          key === 'offer'
            ? CALLER_PROMPT_TRANSLATIONS[language.code].offer(language.key)
            : CALLER_PROMPT_TRANSLATIONS[language.code][key];
        expect(doc).toContain(`| ${text.replace(/\|/g, '\\|')} | à faire relire |`);
      }
    }
  });
});

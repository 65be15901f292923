import * as z from 'zod/mini';
import {
  CallQualificationSchema,
  formatFieldErrors,
  validateQualification,
} from '#domain/qualification/validate';
import { CALLBACK, REAL_CALL_SUBMISSION } from './fixtures';

const errorsOf = (submission: Record<string, unknown>) => {
  const result = validateQualification(submission);
  if (result.ok) throw new Error('expected the submission to be refused');
  return result.errors as Record<string, string>;
};

describe('validateQualification', () => {
  it('accepts a real call and stores values in schema order, whatever shape Connect gave them', () => {
    const result = validateQualification(REAL_CALL_SUBMISSION);
    expect(result).toEqual({
      ok: true,
      qualification: {
        schemaVersion: 1,
        callType: 'real',
        callerRole: 'victim',
        gender: 'woman',
        ageBand: '36-50',
        commune: '94028',
        violenceTypes: ['physical', 'psychological'],
        childrenExposed: 'yes',
        firstCall: 'first',
        orientations: ['cidff94', 'line3919'],
        partnerCallback: 'none',
      },
    });
    if (result.ok) expect(z.safeParse(CallQualificationSchema, result.qualification).success).toBe(true);
  });

  it('keeps the form short for a call that is not real: only the call type is read and stored', () => {
    const result = validateQualification({ callType: 'silent', callerRole: 'nonsense', commune: 'x' });
    expect(result).toEqual({ ok: true, qualification: { schemaVersion: 1, callType: 'silent' } });
  });

  it('splits the partner callback from the statistics: number and code word never in the record', () => {
    const result = validateQualification({ ...REAL_CALL_SUBMISSION, ...CALLBACK });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.callback).toEqual({
      partnerId: 'cidff94',
      phoneNumber: '+33639981234',
      safeToCall: true,
      mayLeaveMessage: false,
      safeWindows: ['weekday-morning', 'weekday-afternoon'],
      codeWord: 'Lilas',
    });
    expect(JSON.stringify(result.qualification)).not.toMatch(/39981234|Lilas/);
    expect(result.qualification.partnerCallback).toBe('cidff94');
  });

  it('ignores callback fields when no partner callback is asked', () => {
    const result = validateQualification({ ...REAL_CALL_SUBMISSION, callbackPhone: 'garbage' });
    expect(result.ok && result.callback).toBe(undefined);
  });

  it.each([
    ['a missing call type', {}, 'callType', 'Champ obligatoire : « Type d’appel ».'],
    ['an unknown call type', { callType: 'prank' }, 'callType', 'Valeur non reconnue pour « Type d’appel ».'],
    ['a missing required field', { ...REAL_CALL_SUBMISSION, gender: '' }, 'gender', 'Champ obligatoire'],
    ['an unknown value', { ...REAL_CALL_SUBMISSION, ageBand: '12-17' }, 'ageBand', 'Valeur non reconnue'],
    [
      'a commune outside the list',
      { ...REAL_CALL_SUBMISSION, commune: '75056' },
      'commune',
      'Valeur non reconnue',
    ],
    [
      'two answers to a single choice',
      { ...REAL_CALL_SUBMISSION, callerRole: ['victim', 'closeOne'] },
      'callerRole',
      'Une seule réponse',
    ],
    [
      'an unknown value in a multi-choice',
      { ...REAL_CALL_SUBMISSION, violenceTypes: 'physical,spiritual' },
      'violenceTypes',
      'Valeur non reconnue',
    ],
    [
      'a value that is not text',
      { ...REAL_CALL_SUBMISSION, firstCall: { x: 1 } },
      'firstCall',
      'Valeur non reconnue',
    ],
    [
      'a callback without a number',
      { ...REAL_CALL_SUBMISSION, ...CALLBACK, callbackPhone: '' },
      'callbackPhone',
      'Champ obligatoire',
    ],
    [
      'a number that is not French',
      { ...REAL_CALL_SUBMISSION, ...CALLBACK, callbackPhone: '+44 20 7946 0000' },
      'callbackPhone',
      'Numéro français attendu',
    ],
    [
      'a special-rate number',
      { ...REAL_CALL_SUBMISSION, ...CALLBACK, callbackPhone: '0899123456' },
      'callbackPhone',
      'numéros en 08',
    ],
    [
      'a callback without safe windows',
      { ...REAL_CALL_SUBMISSION, ...CALLBACK, callbackSafeWindows: '' },
      'callbackSafeWindows',
      'au moins une case',
    ],
    [
      'a callback without "may we leave a message"',
      { ...REAL_CALL_SUBMISSION, ...CALLBACK, callbackMayLeaveMessage: undefined },
      'callbackMayLeaveMessage',
      'Champ obligatoire',
    ],
    [
      'a code word that is a sentence',
      { ...REAL_CALL_SUBMISSION, ...CALLBACK, callbackCodeWord: 'appelez ma sœur, elle sait.' },
      'callbackCodeWord',
      'Un mot court',
    ],
    [
      'a code word that is too long',
      { ...REAL_CALL_SUBMISSION, ...CALLBACK, callbackCodeWord: 'a'.repeat(31) },
      'callbackCodeWord',
      'Un mot court',
    ],
  ])('refuses %s with a French message on that field', (_what, submission, field, message) => {
    const errors = errorsOf(submission as Record<string, unknown>);
    expect(Object.keys(errors)).toEqual([field]);
    expect(errors[field]).toContain(message);
  });

  it('reports every faulty field at once, flattened for the form as "fieldId: message; …"', () => {
    const errors = errorsOf({ callType: 'real', callerRole: 'victim' });
    expect(Object.keys(errors).sort()).toEqual(
      ['ageBand', 'childrenExposed', 'commune', 'firstCall', 'gender', 'partnerCallback'].sort(),
    );
    const flat = formatFieldErrors(errors);
    expect(flat).toMatch(/^gender: Champ obligatoire : « Genre de la personne concernée »\.; ageBand: /);
  });

  it('never quotes submitted values in its messages (they may be personal)', () => {
    const errors = errorsOf({
      ...REAL_CALL_SUBMISSION,
      ...CALLBACK,
      callbackPhone: '0712 SECRET',
      callbackCodeWord: 'Mon secret!',
    });
    expect(JSON.stringify(errors)).not.toMatch(/SECRET|secret/);
  });
});

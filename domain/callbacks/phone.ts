/**
 * French phone numbers for callbacks. A caller keys digits only ('+' cannot be keyed on a phone
 * keypad), so `0033` and `33` stand for the international prefix. Numbers are normalized to E.164.
 */

/** E.164 French number: +33 then 9 digits, the first 1-9. */
export const FRENCH_E164 = /^\+33[1-9]\d{8}$/;

/** Why a number was refused; never carries the number itself, so it can be logged. */
export type PhoneRejection = 'empty' | 'not_digits' | 'not_french' | 'special_rate';

export type PhoneParse = { ok: true; e164: string } | { ok: false; reason: PhoneRejection };

function fromNationalSignificant(nine: string): PhoneParse {
  if (!/^[1-9]\d{8}$/.test(nine)) return { ok: false, reason: 'not_french' };
  // 08 numbers are special-rate service numbers: nobody can be called back there.
  if (nine.startsWith('8')) return { ok: false, reason: 'special_rate' };
  return { ok: true, e164: `+33${nine}` };
}

/**
 * Parses digits keyed in the IVR: `0XXXXXXXXX`, `0033XXXXXXXXX` or `33XXXXXXXXX`.
 * Spaces, dots and dashes are tolerated (the listener's form may pass them); `#` and `*` are not.
 */
export function parseKeyedFrenchNumber(keyed: string | undefined): PhoneParse {
  const compact = (keyed ?? '').replace(/[\s.-]/g, '');
  if (compact === '') return { ok: false, reason: 'empty' };
  if (compact.startsWith('+')) return parseE164FrenchNumber(compact);
  if (!/^\d+$/.test(compact)) return { ok: false, reason: 'not_digits' };
  if (compact.length === 10 && compact.startsWith('0')) return fromNationalSignificant(compact.slice(1));
  if (compact.length === 13 && compact.startsWith('0033')) return fromNationalSignificant(compact.slice(4));
  if (compact.length === 11 && compact.startsWith('33')) return fromNationalSignificant(compact.slice(2));
  return { ok: false, reason: 'not_french' };
}

/** Parses a number already in E.164 form, as Connect gives the calling number. */
export function parseE164FrenchNumber(address: string | undefined): PhoneParse {
  const compact = (address ?? '').replace(/[\s.-]/g, '');
  if (compact === '') return { ok: false, reason: 'empty' };
  if (!compact.startsWith('+33')) return { ok: false, reason: 'not_french' };
  return fromNationalSignificant(compact.slice(3));
}

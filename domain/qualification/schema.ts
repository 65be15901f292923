import { SAFE_WINDOWS, type SafeWindow } from '../callbacks/safe-windows';
import type { CallerLanguageCode, FRENCH } from '../caller-languages';
import type { PartnerId } from '../partners';
import { VAL_DE_MARNE_COMMUNES } from './communes.generated';

/**
 * THE qualification form: each field's id, French label, allowed values, required-ness and order.
 * The Connect view, the validator (qualify-call), the monthly statistics and the local console all
 * read this module, so a field or a value is added here and nowhere else.
 *
 * Anonymous statistics only: no names and no free text. The only text fields belong to the partner
 * callback (the number and the code word); they travel to the callback path and are never stored
 * on the call record.
 */

/** Bumped when a stored value changes meaning, so reports can tell old records apart. */
export const QUALIFICATION_SCHEMA_VERSION = 1;

export interface FieldOption {
  readonly value: string;
  readonly label: string;
}

/** Which calls a field is asked for: every call, or only real calls (the form stays short otherwise). */
export type FieldScope = 'allCalls' | 'realCalls';

interface FieldBase {
  readonly id: string;
  readonly label: string;
  /** One-line help under the field, in French. */
  readonly help?: string;
  readonly scope: FieldScope;
  /** Part of the partner callback: sent to the callback path only, never stored on the call. */
  readonly callbackOnly: boolean;
}

/** One value among options (radio buttons or a drop-down). */
export interface SingleChoiceField extends FieldBase {
  readonly kind: 'single';
  readonly options: readonly FieldOption[];
  readonly required: boolean;
  /** Long lists render as a drop-down, short ones as radio buttons. */
  readonly control: 'radio' | 'dropdown';
}

/** Any number of values among options (check boxes). */
export interface MultiChoiceField extends FieldBase {
  readonly kind: 'multi';
  readonly options: readonly FieldOption[];
  /** At least one value when true. */
  readonly required: boolean;
}

/** The callback's number and code word: the only text the form accepts. */
export interface CallbackTextField extends FieldBase {
  readonly kind: 'text';
  readonly callbackOnly: true;
  readonly maxLength: number;
  /** Required when a partner callback is requested. */
  readonly required: boolean;
  readonly inputType: 'tel' | 'text';
}

export type QualificationField = SingleChoiceField | MultiChoiceField | CallbackTextField;

const options = (entries: Readonly<Record<string, string>>): FieldOption[] =>
  Object.entries(entries).map(([value, label]) => ({ value, label }));

/** Call types; only `real` opens the rest of the form. */
export const CALL_TYPES = options({
  real: 'Appel réel',
  silent: 'Appel silencieux',
  wrongNumber: 'Erreur de numéro ou raccroché',
  abusive: 'Appel abusif ou malveillant',
});
export const REAL_CALL = 'real';

/** Commune values outside the 47 INSEE codes. */
export const OUTSIDE_VAL_DE_MARNE = 'outside94';
export const COMMUNE_UNKNOWN = 'unknown';

/** The communes of the Val-de-Marne (generated from INSEE data), then "outside" and "unknown". */
export const COMMUNE_OPTIONS: readonly FieldOption[] = [
  ...VAL_DE_MARNE_COMMUNES.map((commune) => ({ value: commune.code, label: commune.name })),
  { value: OUTSIDE_VAL_DE_MARNE, label: 'Hors Val-de-Marne' },
  { value: COMMUNE_UNKNOWN, label: 'Commune inconnue' },
];

/** Partners a listener can ask to call back (the line's own callbacks come from the IVR). */
export const CALLBACK_PARTNERS = ['cidff94', 'apcars94', 'apce94'] as const satisfies readonly PartnerId[];
export type CallbackPartner = (typeof CALLBACK_PARTNERS)[number];
export const NO_CALLBACK = 'none';

const PARTNER_LABELS: Readonly<Record<CallbackPartner, string>> = {
  cidff94: 'CIDFF 94',
  apcars94: 'APCARS 94',
  apce94: 'APCE 94',
};

/** French labels of the safe-contact slots; typed so a new slot cannot miss its label. */
export const SAFE_WINDOW_LABELS: Readonly<Record<SafeWindow, string>> = {
  'weekday-morning': 'En semaine, le matin (9 h – 12 h)',
  'weekday-afternoon': 'En semaine, l’après-midi (12 h – 18 h)',
  'weekday-evening': 'En semaine, en soirée (18 h – 20 h)',
  'saturday-morning': 'Le samedi matin (9 h – 12 h)',
};

const YES_NO = options({ yes: 'Oui', no: 'Non' });

/** The call's language: French, each language the line offers, or another one. */
export const CALL_LANGUAGE_OPTIONS = options({
  fr: 'Français',
  en: 'Anglais',
  ar: 'Arabe',
  pt: 'Portugais',
  es: 'Espagnol',
  tr: 'Turc',
  ro: 'Roumain',
  ru: 'Russe',
  zh: 'Chinois (mandarin)',
  other: 'Autre langue',
} satisfies Record<CallerLanguageCode | typeof FRENCH | 'other', string>);

/** The form, in display order. */
export const QUALIFICATION_FIELDS = [
  {
    id: 'callType',
    label: 'Type d’appel',
    kind: 'single',
    control: 'radio',
    scope: 'allCalls',
    callbackOnly: false,
    required: true,
    options: CALL_TYPES,
    help: 'Pour un appel non réel, le formulaire s’arrête ici.',
  },
  {
    id: 'callerRole',
    label: 'Qui appelle ?',
    kind: 'single',
    control: 'radio',
    scope: 'realCalls',
    callbackOnly: false,
    required: true,
    options: options({ victim: 'Victime', closeOne: 'Proche', professional: 'Professionnel·le' }),
  },
  {
    id: 'gender',
    label: 'Genre de la personne concernée',
    kind: 'single',
    control: 'radio',
    scope: 'realCalls',
    callbackOnly: false,
    required: true,
    options: options({ woman: 'Femme', man: 'Homme', other: 'Autre', unknown: 'Non précisé' }),
  },
  {
    id: 'ageBand',
    label: 'Tranche d’âge',
    kind: 'single',
    control: 'radio',
    scope: 'realCalls',
    callbackOnly: false,
    required: true,
    options: options({
      '18-25': '18–25 ans',
      '26-35': '26–35 ans',
      '36-50': '36–50 ans',
      '51-65': '51–65 ans',
      '65+': 'Plus de 65 ans',
      unknown: 'Âge inconnu',
    }),
    help: 'Ligne réservée aux adultes.',
  },
  {
    id: 'commune',
    label: 'Commune de résidence',
    kind: 'single',
    control: 'dropdown',
    scope: 'realCalls',
    callbackOnly: false,
    required: true,
    options: COMMUNE_OPTIONS,
  },
  {
    id: 'violenceTypes',
    label: 'Violences évoquées',
    kind: 'multi',
    scope: 'realCalls',
    callbackOnly: false,
    required: false,
    options: options({
      physical: 'Physiques',
      psychological: 'Psychologiques',
      verbal: 'Verbales',
      sexual: 'Sexuelles',
      economic: 'Économiques',
      administrative: 'Administratives',
      cyber: 'Cyberviolences',
    }),
  },
  {
    id: 'childrenExposed',
    label: 'Enfants exposés',
    kind: 'single',
    control: 'radio',
    scope: 'realCalls',
    callbackOnly: false,
    required: true,
    options: options({ yes: 'Oui', no: 'Non', unknown: 'Ne sait pas' }),
  },
  {
    id: 'firstCall',
    label: 'Premier appel ?',
    kind: 'single',
    control: 'radio',
    scope: 'realCalls',
    callbackOnly: false,
    required: true,
    options: options({ first: 'Premier appel', returning: 'A déjà appelé' }),
    help: 'Selon votre appréciation.',
  },
  {
    id: 'callLanguage',
    label: 'Langue de l’appel',
    kind: 'single',
    control: 'dropdown',
    scope: 'realCalls',
    callbackOnly: false,
    required: false,
    options: CALL_LANGUAGE_OPTIONS,
    help: 'La langue dans laquelle la personne s’exprime le mieux.',
  },
  {
    id: 'interpreterNeeded',
    label: 'Interprète nécessaire',
    kind: 'single',
    control: 'radio',
    scope: 'realCalls',
    callbackOnly: false,
    required: false,
    options: YES_NO,
    help: 'Pour un rappel ou une orientation : l’association prévoit un interprète.',
  },
  {
    id: 'orientations',
    label: 'Orientations données',
    kind: 'multi',
    scope: 'realCalls',
    callbackOnly: false,
    required: false,
    options: options({
      cidff94: 'CIDFF 94',
      apcars94: 'APCARS 94',
      apce94: 'APCE 94',
      line3919: '3919',
      police17: 'Police ou gendarmerie (17)',
      eds: 'EDS (espace départemental des solidarités)',
      shelter115: 'Hébergement d’urgence (115)',
      lawyer: 'Avocat·e',
      health: 'Soins',
      other: 'Autre',
    }),
  },
  {
    id: 'partnerCallback',
    label: 'Rappel par une association partenaire',
    kind: 'single',
    control: 'radio',
    scope: 'realCalls',
    callbackOnly: false,
    required: true,
    options: [
      { value: NO_CALLBACK, label: 'Pas de rappel' },
      ...CALLBACK_PARTNERS.map((partner) => ({ value: partner, label: PARTNER_LABELS[partner] })),
    ],
    help: 'Uniquement avec l’accord de la personne.',
  },
  {
    id: 'callbackPhone',
    label: 'Numéro à rappeler',
    kind: 'text',
    inputType: 'tel',
    maxLength: 20,
    scope: 'realCalls',
    callbackOnly: true,
    required: true,
    help: 'Transmis à l’association seulement, jamais enregistré avec l’appel.',
  },
  {
    id: 'callbackSafeToCall',
    label: 'Peut-on appeler ce numéro sans danger ?',
    kind: 'single',
    control: 'radio',
    scope: 'realCalls',
    callbackOnly: true,
    required: true,
    options: YES_NO,
  },
  {
    id: 'callbackMayLeaveMessage',
    label: 'Peut-on laisser un message ?',
    kind: 'single',
    control: 'radio',
    scope: 'realCalls',
    callbackOnly: true,
    required: true,
    options: YES_NO,
  },
  {
    id: 'callbackSafeWindows',
    label: 'Créneaux sans danger',
    kind: 'multi',
    scope: 'realCalls',
    callbackOnly: true,
    required: true,
    options: SAFE_WINDOWS.map((window) => ({ value: window, label: SAFE_WINDOW_LABELS[window] })),
  },
  {
    id: 'callbackCodeWord',
    label: 'Mot de passe convenu (facultatif)',
    kind: 'text',
    inputType: 'text',
    maxLength: 30,
    scope: 'realCalls',
    callbackOnly: true,
    required: false,
    help: 'Un mot que l’association dira pour se faire reconnaître.',
  },
  {
    id: 'callbackWithdraw',
    label: 'Retirer la demande de rappel déjà transmise',
    kind: 'single',
    control: 'radio',
    scope: 'realCalls',
    callbackOnly: true,
    required: false,
    options: YES_NO,
    help: 'Si le contact n’est plus sans danger : le numéro est supprimé et la demande close.',
  },
] as const satisfies readonly QualificationField[];

/** The value of `callbackWithdraw` that withdraws the call's callback requests. */
export const WITHDRAW_CALLBACK = 'yes';

export type QualificationFieldId = (typeof QUALIFICATION_FIELDS)[number]['id'];

/** Fields stored on the call record: anonymous statistics. */
export const STATISTIC_FIELDS: readonly (SingleChoiceField | MultiChoiceField)[] =
  QUALIFICATION_FIELDS.filter(
    (field): field is Extract<(typeof QUALIFICATION_FIELDS)[number], { callbackOnly: false }> =>
      !field.callbackOnly,
  );

/** Fields that describe the partner callback, asked only when a partner is chosen. */
export const CALLBACK_FIELDS: readonly QualificationField[] = QUALIFICATION_FIELDS.filter(
  (field) => field.callbackOnly,
);

/** Looks a field up by id; throws on an unknown id (a programming error). */
export function qualificationField(id: QualificationFieldId): QualificationField {
  const field = (QUALIFICATION_FIELDS as readonly QualificationField[]).find(
    (candidate) => candidate.id === id,
  );
  if (field === undefined) throw new Error(`Unknown qualification field ${id}`);
  return field;
}

/** The French label of a value of a choice field, or the value itself when unknown. */
export function optionLabel(fieldId: QualificationFieldId, value: string): string {
  const field = qualificationField(fieldId);
  if (field.kind === 'text') return value;
  return field.options.find((option) => option.value === value)?.label ?? value;
}

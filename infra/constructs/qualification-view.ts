import {
  CALL_TYPES,
  QUALIFICATION_FIELDS,
  type QualificationField,
  type QualificationFieldId,
} from '#domain/qualification/schema';
import { GUIDE_SCREENS } from '#domain/texts/listener-messages';

/**
 * The Connect views of the listener's step-by-step guide, generated from the qualification schema.
 * Pure data (no CDK), so the CDK construct deploys it and the local console can render the same form.
 *
 * Three customer-managed views:
 * - the call type, as four buttons whose action is the call type itself (a non-real call stops here);
 * - the form of a real call, one component per field, its `Name` being the field id;
 * - the result, which shows the French message qualify-call returned.
 * The words around the fields are in `domain/texts/listener-messages.ts`; the fields' own labels in
 * the schema.
 */

/** A node of a view template (Connect's view component language). */
export interface ViewComponent {
  readonly _id: string;
  readonly Type: string;
  readonly Props: Readonly<Record<string, unknown>>;
  readonly Content?: readonly (ViewComponent | string)[];
}

/** What `AWS::Connect::View` takes: the template and every action the view can raise. */
export interface ViewContent {
  readonly Template: {
    readonly Head: { readonly Title: string; readonly Configuration?: Readonly<Record<string, unknown>> };
    readonly Body: readonly ViewComponent[];
  };
  readonly Actions: readonly string[];
}

/** Actions of the form view. */
export const FORM_ACTIONS = { submit: 'Submit', back: 'Back' } as const;
/** Actions of the result view. */
export const RESULT_ACTIONS = { done: 'Done', retry: 'Retry' } as const;
/** Actions of the call-type view: the call type values themselves, so `$.Views.Action` is the answer. */
export const CALL_TYPE_ACTIONS: readonly string[] = CALL_TYPES.map((option) => option.value);

/** Data the flow passes to the form (`ViewData`), read in the template as `$.<key>`; plus each choice field's id. */
export const FORM_VIEW_DATA = { errors: 'errors' } as const;

/** Fields whose previous answer the flow passes back to the form after a refused submission. */
export const PREFILLED_FIELDS: readonly QualificationFieldId[] = (
  QUALIFICATION_FIELDS as readonly QualificationField[]
)
  .filter((field) => field.id !== 'callType' && field.kind !== 'text')
  .map((field) => field.id as QualificationFieldId);
/** Data the flow passes to the result view. */
export const RESULT_VIEW_DATA = { message: 'message' } as const;

/** Sections of the real-call form, in order. Every field but the call type sits in exactly one. */
export const FORM_SECTIONS: readonly {
  readonly heading: string;
  readonly fields: readonly QualificationFieldId[];
}[] = [
  { heading: GUIDE_SCREENS.sections.person, fields: ['callerRole', 'gender', 'ageBand', 'commune'] },
  {
    heading: GUIDE_SCREENS.sections.situation,
    fields: ['violenceTypes', 'childrenExposed', 'firstCall', 'callLanguage', 'interpreterNeeded'],
  },
  { heading: GUIDE_SCREENS.sections.orientations, fields: ['orientations'] },
  {
    heading: GUIDE_SCREENS.sections.partnerCallback,
    fields: [
      'partnerCallback',
      'callbackPhone',
      'callbackSafeToCall',
      'callbackMayLeaveMessage',
      'callbackSafeWindows',
      'callbackCodeWord',
      'callbackWithdraw',
    ],
  },
];

const kebab = (id: string) => id.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** The view component of one field; its `Name` is the field id, which is what the view submits. */
export function fieldComponent(field: QualificationField): ViewComponent {
  const common = {
    Label: field.label,
    Name: field.id,
    // Callback fields are required only once a partner is chosen: qualify-call checks that.
    Required: field.required && !field.callbackOnly,
    ...(field.help !== undefined ? { HelperText: field.help } : {}),
    // After a refused submission the flow passes the answers back, so nothing is typed twice;
    // the callback number and code word are never echoed back into the view.
    ...(field.kind === 'text' ? {} : { DefaultValue: `$.${field.id}` }),
  };
  if (field.kind === 'text') {
    return { _id: kebab(field.id), Type: 'FormInput', Props: { ...common, InputType: field.inputType } };
  }
  const Options = field.options.map((option) => ({ Label: option.label, Value: option.value }));
  if (field.kind === 'multi')
    return { _id: kebab(field.id), Type: 'CheckboxGroup', Props: { ...common, Options } };
  const Type = field.control === 'dropdown' ? 'Dropdown' : 'RadioGroup';
  return { _id: kebab(field.id), Type, Props: { ...common, Options } };
}

/** Thrown when the sections and the schema disagree: a field would be missing from the form. */
export class FormLayoutError extends Error {
  override readonly name = 'FormLayoutError';
}

/** The call-type step: four buttons, one per call type. */
export function callTypeViewContent(): ViewContent {
  return {
    Template: {
      Head: { Title: GUIDE_SCREENS.title, Configuration: { Layout: { Columns: ['12'] } } },
      Body: [
        {
          _id: 'call-type',
          Type: 'Container',
          Props: { Heading: GUIDE_SCREENS.callTypeHeading },
          Content: CALL_TYPES.map((option) => ({
            _id: `call-type-${kebab(option.value)}`,
            Type: 'Button',
            Props: { Action: option.value, Variant: option.value === 'real' ? 'primary' : 'normal' },
            Content: [option.label],
          })),
        },
      ],
    },
    Actions: CALL_TYPE_ACTIONS,
  };
}

/** The real-call form: every field of the schema but the call type, grouped in sections. */
export function formViewContent(): ViewContent {
  const placed = FORM_SECTIONS.flatMap((section) => section.fields);
  const fields = QUALIFICATION_FIELDS as readonly QualificationField[];
  const missing = fields.filter((field) => field.id !== 'callType' && !placed.includes(field.id as never));
  const unknown = placed.filter((id) => !fields.some((field) => field.id === id));
  if (missing.length > 0 || unknown.length > 0 || new Set(placed).size !== placed.length) {
    throw new FormLayoutError(
      `Form sections disagree with the schema: missing ${missing.map((f) => f.id).join(',') || '-'}, ` +
        `unknown ${unknown.join(',') || '-'}`,
    );
  }
  const byId = new Map(fields.map((field) => [field.id, field]));
  return {
    Template: {
      Head: { Title: GUIDE_SCREENS.title, Configuration: { Layout: { Columns: ['12', '12', '12'] } } },
      Body: [
        {
          _id: 'form-errors',
          Type: 'Container',
          Props: {},
          // Empty on first display; qualify-call's field-level messages after a refused submission.
          Content: [{ _id: 'errors-text', Type: 'TextBox', Props: { Value: `$.${FORM_VIEW_DATA.errors}` } }],
        },
        {
          _id: 'form-container',
          Type: 'Container',
          Props: {},
          Content: [
            {
              _id: 'qualification-form',
              Type: 'Form',
              Props: {
                Sections: FORM_SECTIONS.map((section) => ({
                  Heading: section.heading,
                  Components: section.fields.map((id) => fieldComponent(byId.get(id) as QualificationField)),
                })),
              },
            },
          ],
        },
        {
          _id: 'form-actions',
          Type: 'Container',
          Props: {},
          Content: [
            {
              _id: 'submit',
              Type: 'SubmitButton',
              Props: { Label: GUIDE_SCREENS.submit, Action: FORM_ACTIONS.submit },
            },
            {
              _id: 'back',
              Type: 'Button',
              Props: { Action: FORM_ACTIONS.back },
              Content: [GUIDE_SCREENS.backToCallType],
            },
          ],
        },
      ],
    },
    Actions: [FORM_ACTIONS.submit, FORM_ACTIONS.back],
  };
}

/** The last step: qualify-call's message, then done (or retry after a failure). */
export function resultViewContent(): ViewContent {
  return {
    Template: {
      Head: { Title: GUIDE_SCREENS.title, Configuration: { Layout: { Columns: ['12'] } } },
      Body: [
        {
          _id: 'result',
          Type: 'Container',
          Props: {},
          Content: [
            { _id: 'result-text', Type: 'TextBox', Props: { Value: `$.${RESULT_VIEW_DATA.message}` } },
            {
              _id: 'done',
              Type: 'Button',
              Props: { Action: RESULT_ACTIONS.done, Variant: 'primary' },
              Content: [GUIDE_SCREENS.done],
            },
            {
              _id: 'retry',
              Type: 'Button',
              Props: { Action: RESULT_ACTIONS.retry },
              Content: [GUIDE_SCREENS.retry],
            },
          ],
        },
      ],
    },
    Actions: [RESULT_ACTIONS.done, RESULT_ACTIONS.retry],
  };
}

/** Every component of a template, depth first (Form sections included). */
export function viewComponents(content: ViewContent): ViewComponent[] {
  const found: ViewComponent[] = [];
  const visit = (node: ViewComponent | string): void => {
    if (typeof node === 'string') return;
    found.push(node);
    for (const child of node.Content ?? []) visit(child);
    const sections = node.Props.Sections;
    if (Array.isArray(sections)) {
      for (const section of sections as { Components?: ViewComponent[] }[]) {
        for (const component of section.Components ?? []) visit(component);
      }
    }
  };
  for (const node of content.Template.Body) visit(node);
  return found;
}

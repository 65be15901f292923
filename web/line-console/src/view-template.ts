import type { ViewComponent, ViewContent } from '../../../infra/constructs/qualification-view';

/**
 * Reads the listener guide's Connect views (as synthesized in the `AWS::Connect::View` resources and
 * served by the console) into what the panel renders. Nothing here names a field: the fields, their
 * labels and options all come from the template.
 */

export type { ViewComponent, ViewContent };

/** One choice of a field. */
export interface ViewOption {
  readonly label: string;
  readonly value: string;
}

/** A form field as the view describes it. */
export interface ViewField {
  readonly id: string;
  readonly type: 'RadioGroup' | 'Dropdown' | 'CheckboxGroup' | 'FormInput';
  readonly label: string;
  readonly required: boolean;
  readonly help?: string;
  readonly inputType?: string;
  readonly options: readonly ViewOption[];
}

/** A section of the form: a heading and its fields. */
export interface ViewSection {
  readonly heading: string;
  readonly fields: readonly ViewField[];
}

/** What the form's values are: one value, or several for check boxes and drop-downs. */
export type FieldValues = Readonly<Record<string, string | readonly string[]>>;

const FIELD_TYPES = new Set(['RadioGroup', 'Dropdown', 'CheckboxGroup', 'FormInput']);

/** A field component of the view, read; undefined for any other component. */
export function viewField(component: ViewComponent): ViewField | undefined {
  if (!FIELD_TYPES.has(component.Type)) return undefined;
  const props = component.Props;
  const options = Array.isArray(props.Options)
    ? (props.Options as { Label?: unknown; Value?: unknown }[]).map((option) => ({
        label: String(option.Label ?? option.Value ?? ''),
        value: String(option.Value ?? ''),
      }))
    : [];
  return {
    id: String(props.Name ?? component._id),
    type: component.Type as ViewField['type'],
    label: String(props.Label ?? props.Name ?? ''),
    required: props.Required === true,
    ...(typeof props.HelperText === 'string' ? { help: props.HelperText } : {}),
    ...(typeof props.InputType === 'string' ? { inputType: props.InputType } : {}),
    options,
  };
}

/** The sections of a `Form` component. */
export function formSections(form: ViewComponent): ViewSection[] {
  const sections = Array.isArray(form.Props.Sections)
    ? (form.Props.Sections as { Heading?: unknown; Components?: ViewComponent[] }[])
    : [];
  return sections.map((section) => ({
    heading: String(section.Heading ?? ''),
    fields: (section.Components ?? []).flatMap((component) => viewField(component) ?? []),
  }));
}

/** A view's text value: `$.key` reads the data the flow passes to the view; anything else is literal. */
export function boundText(value: unknown, data: Readonly<Record<string, string>>): string {
  if (typeof value !== 'string') return '';
  const reference = /^\$\.([A-Za-z0-9_]+)$/.exec(value);
  return reference === null ? value : (data[reference[1] as string] ?? '');
}

/**
 * The values the view submits, as Connect's views send them: a drop-down's choice and check boxes as
 * lists, a radio group's and an input's as text; empty answers left out.
 */
export function submittedValues(
  fields: readonly ViewField[],
  values: FieldValues,
): Record<string, string | string[]> {
  const submitted: Record<string, string | string[]> = {};
  for (const field of fields) {
    const value = values[field.id];
    if (value === undefined) continue;
    const list = typeof value === 'string' ? (value === '' ? [] : [value]) : [...value];
    if (list.length === 0) continue;
    submitted[field.id] =
      field.type === 'Dropdown' || field.type === 'CheckboxGroup' ? list : (list[0] as string);
  }
  return submitted;
}

/** Every field of a view, in order. */
export function viewFields(content: ViewContent): ViewField[] {
  const found: ViewField[] = [];
  const visit = (node: ViewComponent | string): void => {
    if (typeof node === 'string') return;
    if (node.Type === 'Form') for (const section of formSections(node)) found.push(...section.fields);
    const field = viewField(node);
    if (field !== undefined) found.push(field);
    for (const child of node.Content ?? []) visit(child);
  };
  for (const node of content.Template.Body) visit(node);
  return found;
}

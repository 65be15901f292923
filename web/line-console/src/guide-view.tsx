import { type FormEvent, useState } from 'react';
import {
  boundText,
  type FieldValues,
  formSections,
  submittedValues,
  type ViewComponent,
  type ViewContent,
  type ViewField,
  viewFields,
} from './view-template';

/**
 * Renders one Connect view of the listener's guide, component by component, as the agent workspace
 * would: containers, text, buttons, and the form's fields with their errors beside them.
 */

export interface GuideViewProps {
  readonly view: ViewContent;
  /** What the flow passes to the view (`$.key` in the template). */
  readonly data?: Readonly<Record<string, string>>;
  /** Field id → French error, shown beside the field. */
  readonly fieldErrors?: Readonly<Record<string, string>>;
  /** A button or the form raised `action`, with the form's values for a submission. */
  onAction(action: string, values: Record<string, string | string[]>): void;
}

function FieldControl(props: {
  readonly field: ViewField;
  readonly value: string | readonly string[] | undefined;
  readonly error: string | undefined;
  onChange(value: string | readonly string[]): void;
}) {
  const { field, value, error, onChange } = props;
  const id = `champ-${field.id}`;
  const describedBy = [field.help ? `${id}-aide` : '', error ? `${id}-erreur` : ''].filter(Boolean).join(' ');
  const described = describedBy === '' ? {} : { 'aria-describedby': describedBy };
  const help = field.help ? (
    <p className="aide" id={`${id}-aide`}>
      {field.help}
    </p>
  ) : null;
  const errorText = error ? (
    <p className="erreur-champ" id={`${id}-erreur`}>
      {error}
    </p>
  ) : null;
  const mark = field.required ? <span aria-hidden="true"> *</span> : null;
  if (field.type === 'FormInput' || field.type === 'Dropdown') {
    const single = typeof value === 'string' ? value : (value?.[0] ?? '');
    return (
      <div className={error ? 'champ en-erreur' : 'champ'}>
        <label htmlFor={id}>
          {field.label}
          {mark}
        </label>
        {field.type === 'FormInput' ? (
          <input
            id={id}
            name={field.id}
            type={field.inputType === 'tel' ? 'tel' : 'text'}
            autoComplete="off"
            value={single}
            aria-required={field.required}
            aria-invalid={error !== undefined}
            {...described}
            onChange={(event) => onChange(event.target.value)}
          />
        ) : (
          <select
            id={id}
            name={field.id}
            value={single}
            aria-required={field.required}
            aria-invalid={error !== undefined}
            {...described}
            onChange={(event) => onChange(event.target.value)}
          >
            <option value="">— Choisir —</option>
            {field.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        )}
        {help}
        {errorText}
      </div>
    );
  }
  const multiple = field.type === 'CheckboxGroup';
  const chosen = typeof value === 'string' ? [value] : (value ?? []);
  return (
    <fieldset
      className={error ? 'champ en-erreur' : 'champ'}
      {...described}
      aria-invalid={error !== undefined}
    >
      <legend>
        {field.label}
        {mark}
      </legend>
      {field.options.map((option) => (
        <label key={option.value} className="choix">
          <input
            type={multiple ? 'checkbox' : 'radio'}
            name={field.id}
            value={option.value}
            checked={chosen.includes(option.value)}
            onChange={(event) => {
              if (!multiple) return onChange(option.value);
              onChange(
                event.target.checked
                  ? [...chosen, option.value]
                  : chosen.filter((candidate) => candidate !== option.value),
              );
            }}
          />
          {option.label}
        </label>
      ))}
      {help}
      {errorText}
    </fieldset>
  );
}

export function GuideView({ view, data = {}, fieldErrors = {}, onAction }: GuideViewProps) {
  const [values, setValues] = useState<FieldValues>({});
  const fields = viewFields(view);
  const raise = (action: string) => onAction(action, submittedValues(fields, values));

  const render = (node: ViewComponent | string, index: number): React.ReactNode => {
    if (typeof node === 'string') return node;
    const children = (node.Content ?? []).map(render);
    switch (node.Type) {
      case 'Container': {
        const heading = typeof node.Props.Heading === 'string' ? node.Props.Heading : undefined;
        return (
          <div key={node._id} className="vue-bloc" data-view-id={node._id}>
            {heading ? <h4>{heading}</h4> : null}
            {children}
          </div>
        );
      }
      case 'TextBox': {
        const text = boundText(node.Props.Value, data);
        return text === '' ? null : (
          <p key={node._id} className="vue-texte" role="status">
            {text}
          </p>
        );
      }
      case 'Button':
        return (
          <button key={node._id} type="button" onClick={() => raise(String(node.Props.Action))}>
            {children}
          </button>
        );
      case 'SubmitButton':
        return (
          <button key={node._id} type="submit" className="principal">
            {String(node.Props.Label ?? node.Props.Action)}
          </button>
        );
      case 'Form': {
        const submitAction = findSubmitAction(view);
        const submit = (event: FormEvent) => {
          event.preventDefault();
          if (submitAction !== undefined) raise(submitAction);
        };
        return (
          <form key={node._id} id={`vue-${node._id}`} noValidate onSubmit={submit}>
            {formSections(node).map((section) => (
              <fieldset key={section.heading} className="section">
                <legend>{section.heading}</legend>
                {section.fields.map((field) => (
                  <FieldControl
                    key={field.id}
                    field={field}
                    value={values[field.id]}
                    error={fieldErrors[field.id]}
                    onChange={(value) => setValues((previous) => ({ ...previous, [field.id]: value }))}
                  />
                ))}
              </fieldset>
            ))}
          </form>
        );
      }
      default:
        return (
          <p key={`${node._id}-${index}`} className="aide">
            Composant {node.Type} non affiché par la console.
          </p>
        );
    }
  };

  return (
    <div className="vue">
      <h3>{view.Template.Head.Title}</h3>
      {view.Template.Body.map((node, index) => {
        // The submit button sits outside the form in the template: tie it to the form by its id.
        if (typeof node !== 'string' && containsSubmit(node)) {
          return <SubmitBinder key={node._id} node={node} formId={formId(view)} render={render} />;
        }
        return render(node, index);
      })}
    </div>
  );
}

function findSubmitAction(view: ViewContent): string | undefined {
  const submit = walk(view).find((node) => node.Type === 'SubmitButton');
  return submit === undefined ? undefined : String(submit.Props.Action);
}

function formId(view: ViewContent): string | undefined {
  const form = walk(view).find((node) => node.Type === 'Form');
  return form === undefined ? undefined : `vue-${form._id}`;
}

function containsSubmit(node: ViewComponent): boolean {
  return (
    node.Type === 'SubmitButton' ||
    (node.Content ?? []).some((child) => typeof child !== 'string' && containsSubmit(child))
  );
}

function walk(view: ViewContent): ViewComponent[] {
  const found: ViewComponent[] = [];
  const visit = (node: ViewComponent | string) => {
    if (typeof node === 'string') return;
    found.push(node);
    for (const child of node.Content ?? []) visit(child);
  };
  for (const node of view.Template.Body) visit(node);
  return found;
}

/** Renders a block holding the submit button, the button bound to the form with `form=`. */
function SubmitBinder(props: {
  readonly node: ViewComponent;
  readonly formId: string | undefined;
  readonly render: (node: ViewComponent | string, index: number) => React.ReactNode;
}) {
  const { node, formId: boundForm, render } = props;
  const children = (node.Content ?? []).map((child, index) => {
    if (typeof child !== 'string' && child.Type === 'SubmitButton') {
      return (
        <button
          key={child._id}
          type="submit"
          className="principal"
          {...(boundForm ? { form: boundForm } : {})}
        >
          {String(child.Props.Label ?? child.Props.Action)}
        </button>
      );
    }
    return render(child, index);
  });
  return (
    <div className="vue-bloc" data-view-id={node._id}>
      {children}
    </div>
  );
}

import { QUALIFICATION_FIELDS } from '#domain/qualification/schema';
import {
  CALL_TYPE_ACTIONS,
  callTypeViewContent,
  FORM_ACTIONS,
  formViewContent,
  resultViewContent,
  viewComponents,
} from '../../../infra/constructs/qualification-view';

describe('Connect views generated from the schema', () => {
  const form = formViewContent();
  const components = viewComponents(form);
  const named = new Map(
    components.filter((c) => typeof c.Props.Name === 'string').map((c) => [c.Props.Name, c]),
  );

  it('show every field of a real call, named by its id, with its label and options', () => {
    for (const field of QUALIFICATION_FIELDS) {
      if (field.id === 'callType') continue;
      const component = named.get(field.id);
      expect(component).toBeDefined();
      expect(component?.Props.Label).toBe(field.label);
      if (field.kind !== 'text') {
        expect(component?.Props.Options).toEqual(
          field.options.map((o) => ({ Label: o.label, Value: o.value })),
        );
      }
    }
    expect(named.size).toBe(QUALIFICATION_FIELDS.length - 1);
  });

  it('uses check boxes for multi-choice fields, a drop-down for the 49 communes, inputs for the callback text', () => {
    expect(named.get('violenceTypes')?.Type).toBe('CheckboxGroup');
    expect(named.get('orientations')?.Type).toBe('CheckboxGroup');
    expect(named.get('commune')?.Type).toBe('Dropdown');
    expect(named.get('commune')?.Props.Options).toHaveLength(49);
    expect(named.get('callbackPhone')?.Type).toBe('FormInput');
    expect(named.get('callbackPhone')?.Props.InputType).toBe('tel');
    expect(named.get('callbackPhone')?.Props.DefaultValue).toBeUndefined();
  });

  it('puts the call type first, as buttons whose actions are the call types (short form for non-real calls)', () => {
    const callType = callTypeViewContent();
    const field = QUALIFICATION_FIELDS.find((f) => f.id === 'callType');
    expect(callType.Actions).toEqual(field?.kind === 'single' ? field.options.map((o) => o.value) : []);
    expect(CALL_TYPE_ACTIONS).toEqual(callType.Actions);
    const buttons = viewComponents(callType).filter((c) => c.Type === 'Button');
    expect(buttons.map((b) => b.Props.Action)).toEqual(callType.Actions);
    expect(named.has('callType')).toBe(false);
  });

  it('declares every action its buttons raise, and nests the top level in containers', () => {
    for (const content of [callTypeViewContent(), form, resultViewContent()]) {
      const raised = viewComponents(content)
        .map((c) => c.Props.Action)
        .filter((a): a is string => typeof a === 'string');
      expect([...new Set(raised)].sort()).toEqual([...content.Actions].sort());
      expect(content.Template.Body.every((node) => node.Type === 'Container')).toBe(true);
      const ids = viewComponents(content).map((c) => c._id);
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(form.Actions).toEqual([FORM_ACTIONS.submit, FORM_ACTIONS.back]);
  });
});

/**
 * @jest-environment jsdom
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import {
  callTypeViewContent,
  formViewContent,
  resultViewContent,
  type ViewComponent,
  type ViewContent,
} from '../../infra/constructs/qualification-view';
import { guideViewsFromTemplates } from '../../local/console/qualification-views';
import { GuideView } from '../../web/line-console/src/guide-view';
import { keypadKey, maskedKeys } from '../../web/line-console/src/keypad';
import { submittedValues, viewFields } from '../../web/line-console/src/view-template';

/**
 * The console's listener form is the synthesized Connect view, rendered: a view changed in a test
 * build shows changed in the panel, and the values go out as Connect's views send them.
 */

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** A test build of the Line stack: the three guide views as `AWS::Connect::View` resources. */
function templateWith(form: ViewContent) {
  const resource = (content: ViewContent) => ({
    Type: 'AWS::Connect::View',
    Properties: { Template: content.Template, Actions: [...content.Actions] },
  });
  return [
    {
      stackName: 'Test-Line',
      template: {
        Resources: {
          CallType: resource(callTypeViewContent()),
          Form: resource(form),
          Result: resource(resultViewContent()),
        },
      },
    },
  ];
}

/** The form view with one field's label replaced, as a changed schema would synthesize it. */
function relabelled(content: ViewContent, fieldId: string, label: string): ViewContent {
  const relabel = (node: ViewComponent): ViewComponent => {
    const sections = node.Props.Sections as { Heading: string; Components: ViewComponent[] }[] | undefined;
    return {
      ...node,
      Props: {
        ...node.Props,
        ...(node.Props.Name === fieldId ? { Label: label } : {}),
        ...(sections === undefined
          ? {}
          : {
              Sections: sections.map((section) => ({
                ...section,
                Components: section.Components.map(relabel),
              })),
            }),
      },
      ...(node.Content === undefined
        ? {}
        : { Content: node.Content.map((child) => (typeof child === 'string' ? child : relabel(child))) }),
    };
  };
  return { ...content, Template: { ...content.Template, Body: content.Template.Body.map(relabel) } };
}

let container: HTMLDivElement;
let root: Root;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

describe('the listener form of the line console', () => {
  it('shows a field as the synthesized view defines it, changed when the view changes', () => {
    const views = guideViewsFromTemplates(
      templateWith(relabelled(formViewContent(), 'gender', 'Genre (libellé de test)')),
    );
    act(() => root.render(<GuideView view={views.form} onAction={() => {}} />));
    const legends = [...container.querySelectorAll('legend')].map((legend) => legend.textContent);
    // The required mark follows the label.
    expect(legends).toContain('Genre (libellé de test) *');
    expect(legends.some((legend) => legend?.startsWith('Genre de la personne concernée'))).toBe(false);
  });

  it('renders every field of the deployed form, and its French field errors beside the fields', () => {
    const form = formViewContent();
    act(() =>
      root.render(
        <GuideView
          view={form}
          fieldErrors={{ ageBand: 'Choisissez une tranche d’âge.' }}
          onAction={() => {}}
        />,
      ),
    );
    for (const field of viewFields(form)) {
      expect(container.querySelector(`[name="${field.id}"]`)).not.toBeNull();
    }
    const error = container.querySelector('#champ-ageBand-erreur');
    expect(error?.textContent).toBe('Choisissez une tranche d’âge.');
    expect(error?.closest('fieldset')?.getAttribute('aria-describedby')).toContain('champ-ageBand-erreur');
  });

  it('submits choices as Connect views do: lists for drop-downs and check boxes, text otherwise', () => {
    const fields = viewFields(formViewContent());
    expect(
      submittedValues(fields, {
        commune: '94028',
        gender: 'woman',
        violenceTypes: ['physical'],
        callbackPhone: '',
      }),
    ).toEqual({ commune: ['94028'], gender: 'woman', violenceTypes: ['physical'] });
  });
});

describe('the keypad', () => {
  it('answers the number keys, * and #, and nothing else', () => {
    expect(['0', '9', '*', '#', 'a', 'Enter', '12'].map(keypadKey)).toEqual([
      '0',
      '9',
      '*',
      '#',
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('masks keyed digits on screen', () => {
    expect(maskedKeys('0612#')).toBe('••••#');
    expect(maskedKeys('*')).toBe('*');
  });
});

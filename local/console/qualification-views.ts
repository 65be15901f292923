import {
  CALL_TYPE_ACTIONS,
  FORM_ACTIONS,
  RESULT_ACTIONS,
  type ViewContent,
} from '../../infra/constructs/qualification-view';
import type { StackTemplate } from '../runtime/cfn-template';

/**
 * The listener guide's views as deployed: the `AWS::Connect::View` resources of the synthesized
 * templates, told apart by the actions each raises. The console renders these, never its own form.
 */

/** The three views of the listener's guide. */
export interface GuideViews {
  readonly callType: ViewContent;
  readonly form: ViewContent;
  readonly result: ViewContent;
}

/** The synthesized templates hold no view for a step of the guide. */
export class MissingViewError extends Error {
  override readonly name = 'MissingViewError';
}

/**
 * Reads the guide's views from `templates`.
 * @throws MissingViewError when a view is missing
 */
export function guideViewsFromTemplates(templates: readonly StackTemplate[]): GuideViews {
  const views = templates.flatMap((stack) =>
    Object.values(stack.template.Resources ?? {})
      .filter((resource) => resource.Type === 'AWS::Connect::View')
      .map((resource) => ({
        Template: resource.Properties?.Template as ViewContent['Template'],
        Actions: (resource.Properties?.Actions ?? []) as string[],
      })),
  );
  const raising = (actions: readonly string[], step: string): ViewContent => {
    const view = views.find((candidate) => actions.every((action) => candidate.Actions.includes(action)));
    if (view === undefined) throw new MissingViewError(`no AWS::Connect::View for the ${step} step`);
    return view;
  };
  return {
    callType: raising(CALL_TYPE_ACTIONS, 'call type'),
    form: raising(Object.values(FORM_ACTIONS), 'form'),
    result: raising(Object.values(RESULT_ACTIONS), 'result'),
  };
}

/**
 * qualify-call's field errors (`errors`, as `formatFieldErrors` writes them, and `errorFields`) by
 * field id, for the console to show beside each field.
 */
export function fieldErrorsOf(result: Readonly<Record<string, string>>): Record<string, string> {
  const ids = (result.errorFields ?? '').split(',').filter((id) => id !== '');
  const text = result.errors ?? '';
  const found: Record<string, string> = {};
  for (const id of ids) {
    const start = text.indexOf(`${id}: `);
    if (start < 0) continue;
    // The message runs to the next field's `; <id>: `, or to the end.
    const ends = ids
      .map((other) => text.indexOf(`; ${other}: `, start + id.length))
      .filter((index) => index > start);
    found[id] = text.slice(start + id.length + 2, ends.length === 0 ? undefined : Math.min(...ends));
  }
  return found;
}

import { LOCAL_ACCOUNT_ID } from '../emulators/local-account';

/**
 * CloudFormation intrinsic functions (Ref, Fn::GetAtt, Fn::ImportValue, Fn::Join, Fn::Select,
 * Fn::Split, Fn::Sub) and pseudo parameters, resolved against what has been created locally so far.
 */

/** A reference the resolver cannot resolve yet (or ever): the resource or export is not defined. */
export class Unresolvable extends Error {}

/** What a logical id resolves to: its Ref value and its Fn::GetAtt attributes. */
export interface Resolved {
  ref: string;
  attributes: Record<string, string>;
}

/** Resolves CloudFormation intrinsics against what has been created locally so far. */
export class IntrinsicResolver {
  private readonly resources = new Map<string, Resolved>();
  private readonly exports = new Map<string, string>();

  constructor(
    private readonly region: string,
    private stackName = '',
  ) {}

  /** Logical ids are per stack: later definitions and lookups are in `stackName`. */
  enterStack(stackName: string): void {
    this.stackName = stackName;
  }

  /** Records what a resource of the current stack resolves to, once it exists locally. */
  define(logicalId: string, resolved: Resolved): void {
    this.resources.set(`${this.stackName}/${logicalId}`, resolved);
  }

  /** What a resource of the current stack resolves to; undefined while it is not defined. */
  lookup(logicalId: string): Resolved | undefined {
    return this.resources.get(`${this.stackName}/${logicalId}`);
  }

  /** Records a stack output's export, for Fn::ImportValue in the stacks that follow. */
  defineExport(name: string, value: string): void {
    this.exports.set(name, value);
  }

  /**
   * Resolves every intrinsic inside `value` (objects and arrays are walked).
   * @throws Unresolvable when a reference is not defined (yet), or an intrinsic is not supported.
   */
  resolve(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((entry) => this.resolve(entry));
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>);
    const [key, argument] = entries[0] ?? [];
    if (entries.length === 1 && key !== undefined && (key === 'Ref' || key.startsWith('Fn::'))) {
      return this.intrinsic(key, argument);
    }
    return Object.fromEntries(entries.map(([name, entry]) => [name, this.resolve(entry)]));
  }

  /** Like resolve, for a value that must come out as a string (numbers and booleans are stringified). */
  resolveString(value: unknown): string {
    const resolved = this.resolve(value);
    if (typeof resolved === 'string') return resolved;
    if (typeof resolved === 'number' || typeof resolved === 'boolean') return String(resolved);
    throw new Unresolvable(`not a string: ${JSON.stringify(value)}`);
  }

  private pseudo(name: string): string | undefined {
    const pseudo: Record<string, string> = {
      'AWS::Region': this.region,
      'AWS::AccountId': LOCAL_ACCOUNT_ID,
      'AWS::Partition': 'aws',
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::StackName': this.stackName,
    };
    return pseudo[name];
  }

  private intrinsic(name: string, argument: unknown): unknown {
    switch (name) {
      case 'Ref': {
        const id = String(argument);
        const value = this.pseudo(id) ?? this.lookup(id)?.ref;
        if (value === undefined) throw new Unresolvable(`Ref ${id}`);
        return value;
      }
      case 'Fn::GetAtt': {
        const [id, attribute] = Array.isArray(argument)
          ? [String(argument[0]), String(argument[1])]
          : String(argument).split('.', 2);
        const value = this.lookup(id ?? '')?.attributes[attribute ?? ''];
        if (value === undefined) throw new Unresolvable(`Fn::GetAtt ${id}.${attribute}`);
        return value;
      }
      case 'Fn::ImportValue': {
        const exportName = this.resolveString(argument);
        const value = this.exports.get(exportName);
        if (value === undefined) throw new Unresolvable(`Fn::ImportValue ${exportName}`);
        return value;
      }
      case 'Fn::Join': {
        const [delimiter, parts] = argument as [string, unknown[]];
        return (this.resolve(parts) as unknown[]).map((part) => this.resolveString(part)).join(delimiter);
      }
      case 'Fn::Select': {
        const [index, list] = argument as [unknown, unknown];
        const items = this.resolve(list);
        if (!Array.isArray(items)) throw new Unresolvable('Fn::Select of a non-list');
        return items[Number(this.resolve(index))];
      }
      case 'Fn::Split': {
        const [delimiter, source] = argument as [string, unknown];
        return this.resolveString(source).split(delimiter);
      }
      case 'Fn::Sub': {
        const [text, variables] = Array.isArray(argument)
          ? [String(argument[0]), (argument[1] ?? {}) as Record<string, unknown>]
          : [String(argument), {}];
        return text.replace(/\$\{([^}!][^}]*)\}/g, (_match, reference: string) => {
          if (reference in variables) return this.resolveString(variables[reference]);
          const [id, attribute] = reference.split('.', 2);
          return this.resolveString(
            attribute === undefined ? { Ref: id } : { 'Fn::GetAtt': [id, attribute] },
          );
        });
      }
      default:
        throw new Unresolvable(name);
    }
  }
}

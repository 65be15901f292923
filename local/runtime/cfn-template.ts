/** The part of a synthesized CloudFormation template the local line reads. */

/** A template, reduced to what the local line reads: resources and exported outputs. */
export interface CfnTemplate {
  readonly Resources?: Record<string, CfnResource>;
  readonly Outputs?: Record<
    string,
    { readonly Value: unknown; readonly Export?: { readonly Name: unknown } }
  >;
}
/** One resource of a template. */
export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
}

/** One synthesized stack: its name (for Fn::ImportValue and AWS::StackName) and template. */
export interface StackTemplate {
  readonly stackName: string;
  readonly template: CfnTemplate;
}

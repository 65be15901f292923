import * as path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, SERVICE_NAME } from '#domain/metrics';

/** Template metadata key holding the `functions/` folder name of each Lambda. */
export const FUNCTION_METADATA_KEY = 'premier-pas:function';

/** Repository root, so entries resolve the same from the CDK app, tests and benches. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/**
 * Links of the SDK's default credential chain that Lambda never reaches: Lambda always sets the
 * credentials in the environment, the chain's first link, so the SSO, shared-file, credential_process
 * and web-identity providers (and the STS/SSO clients they pull in) stay out of the bundle. They are
 * loaded by dynamic import only after `fromEnv` fails. This takes call-intake from 424 KB to 311 KB.
 */
export const UNREACHED_CREDENTIAL_PROVIDERS = [
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-web-identity',
] as const;

/**
 * Packages that deployed bundles replace with a module that throws when reached, because the line's
 * code never reaches them (see each stand-in's comment). Paths are relative to the repository root,
 * where CDK runs esbuild. The Encryption SDK encryption tests check the bundled code against the
 * real packages.
 */
export const UNREACHED_MODULE_ALIASES: Readonly<Record<string, string>> = {
  'asn1.js': './functions/shared/bundling/unreached-asn1.ts',
};

/**
 * Turns the local line's switches off in deployed bundles. The functions test
 * `process.env.PREMIER_PAS_CLOUD_BUILD === 'true'` before reading a local variable (a local AES key or
 * HMAC secret, an outbox folder, a JWKS URL); esbuild replaces it with a constant, the branch is dead
 * and minify drops it, variable names included. Under tsx and jest nothing replaces it: the local line
 * keeps them. `test/integration/local-switches.test.ts` greps the bundles.
 */
export const LOCAL_SWITCHES_OFF: Readonly<Record<string, string>> = {
  'process.env.PREMIER_PAS_CLOUD_BUILD': '"true"',
};

/**
 * esbuild settings shared by every function and by `npm run bench`.
 * ESM output needs a `createRequire` banner (the SDK still requires node built-ins), and
 * `module` main fields pick the SDK's ESM builds, which tree-shake to half the size.
 */
export const BUNDLING: nodejs.BundlingOptions = {
  format: nodejs.OutputFormat.ESM,
  target: 'node22',
  mainFields: ['module', 'main'],
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
  externalModules: [...UNREACHED_CREDENTIAL_PROVIDERS],
  define: LOCAL_SWITCHES_OFF,
  esbuildArgs: {
    '--alias': Object.entries(UNREACHED_MODULE_ALIASES).map(([name, target]) => `${name}=${target}`),
  },
};

export interface LineFunctionProps {
  /** Folder name under `functions/`, e.g. `call-intake`. */
  readonly name: string;
  /** @default Duration.seconds(3) */
  readonly timeout?: Duration;
  /** @default 256 */
  readonly memorySize?: number;
  /** Days the log group keeps entries. */
  readonly logRetentionDays: number;
  /** @default {} */
  readonly environment?: Record<string, string>;
  /** @default undefined (unreserved) */
  readonly reservedConcurrentExecutions?: number;
  /**
   * A physical name for the execution role, for a key policy in another stack that must name it
   * before the role exists (an ARN condition, not a principal). @default a generated name
   */
  readonly roleName?: string;
}

const RETENTION_BY_DAYS = new Map<number, logs.RetentionDays>(
  Object.values(logs.RetentionDays)
    .filter((value): value is logs.RetentionDays => typeof value === 'number')
    .map((value) => [value as number, value]),
);

/** The CloudWatch retention of `days`, for every log group of the line (the stage states it once). */
export function logRetention(days: number): logs.RetentionDays {
  const retention = RETENTION_BY_DAYS.get(days);
  if (retention === undefined)
    throw new Error(`logRetentionDays ${days} is not a CloudWatch retention period`);
  return retention;
}

/**
 * The one Lambda construct of the app: Node 22 on arm64, ESM bundle, its own log group with a
 * stated retention, source maps, and the Powertools settings. Every function goes through it.
 */
export class LineFunction extends Construct {
  public readonly function: nodejs.NodejsFunction;
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: LineFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logRetention(props.logRetentionDays),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role =
      props.roleName === undefined
        ? undefined
        : new iam.Role(this, 'Role', {
            roleName: props.roleName,
            assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
            // The policy CDK gives a generated role: writing its own logs.
            managedPolicies: [
              iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole'),
            ],
          });
    this.function = new nodejs.NodejsFunction(this, 'Function', {
      ...(role === undefined ? {} : { role }),
      entry: path.join(REPO_ROOT, 'functions', props.name, 'handler.ts'),
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      timeout: props.timeout ?? Duration.seconds(3),
      memorySize: props.memorySize ?? 256,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      bundling: BUNDLING,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        ...props.environment,
      },
    });
    // Lets the local line map a function in the synthesized template back to its handler folder.
    (this.function.node.defaultChild as lambda.CfnFunction).addMetadata(FUNCTION_METADATA_KEY, props.name);
  }
}

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DockerImage } from 'aws-cdk-lib';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { PartnerPortalConfig } from '#domain/partner-portal';
import { REPO_ROOT } from './line-function';

/** The portal app's folder: `vite build` runs there. */
export const PARTNER_PORTAL_APP_DIRECTORY = path.join(REPO_ROOT, 'web', 'partner-portal');

/** Vite writes content-hashed files under `assets/`: a new build gets new names, so they never change. */
const HASHED_ASSETS = 'assets/*';

export interface PartnerPortalDeploymentProps {
  readonly bucket: s3.IBucket;
  readonly distribution: cloudfront.IDistribution;
  /** What the page reads from `/config.json`: the API and the sign-in settings of this stage. */
  readonly config: PartnerPortalConfig;
  /**
   * The Vite app to build and upload.
   * @default PARTNER_PORTAL_APP_DIRECTORY (web/partner-portal)
   */
  readonly appDirectory?: string;
}

/** The app is missing or does not build: synth stops with what to do. */
export class PortalBuildError extends Error {
  override readonly name = 'PortalBuildError';
}

/**
 * Builds the portal with `vite build` (local bundling: no Docker) and uploads it: hashed assets first,
 * cached for a year; then `index.html`, the other files and this stage's `config.json`, revalidated on
 * every load; then invalidates the distribution so the new page shows at once. Template tests skip the
 * build (`aws:cdk:bundling-stacks: []`), so they need only the app's folder.
 */
export class PartnerPortalDeployment extends Construct {
  public readonly assets: s3deploy.BucketDeployment;
  public readonly pages: s3deploy.BucketDeployment;

  constructor(scope: Construct, id: string, props: PartnerPortalDeploymentProps) {
    super(scope, id);
    const appDirectory = props.appDirectory ?? PARTNER_PORTAL_APP_DIRECTORY;
    if (!fs.existsSync(appDirectory)) {
      throw new PortalBuildError(
        `The partner portal app is missing: ${appDirectory} does not exist. Add the app (web/partner-portal, issue 11).`,
      );
    }
    const app = s3deploy.Source.asset(appDirectory, {
      exclude: ['dist', 'node_modules'],
      bundling: {
        // Never pulled: local bundling below always builds or fails.
        image: DockerImage.fromRegistry('none'),
        local: { tryBundle: (outputDir) => buildPortal(appDirectory, outputDir) },
      },
    });

    this.assets = new s3deploy.BucketDeployment(this, 'HashedAssets', {
      sources: [app],
      destinationBucket: props.bucket,
      exclude: ['*'],
      include: [HASHED_ASSETS],
      cacheControl: [s3deploy.CacheControl.fromString('public, max-age=31536000, immutable')],
      // Old hashed files stay: a page loaded before the deploy may still ask for them.
      prune: false,
    });
    this.pages = new s3deploy.BucketDeployment(this, 'Pages', {
      sources: [app, s3deploy.Source.jsonData('config.json', props.config)],
      destinationBucket: props.bucket,
      exclude: [HASHED_ASSETS],
      cacheControl: [s3deploy.CacheControl.noCache()],
      distribution: props.distribution,
      distributionPaths: ['/*'],
    });
    // index.html names the new hashed files: they must be there before it is.
    this.pages.node.addDependency(this.assets);
  }
}

/** Runs `vite build` for the app into `outputDir`; true when built, a PortalBuildError otherwise. */
function buildPortal(appDirectory: string, outputDir: string): boolean {
  if (!fs.existsSync(path.join(appDirectory, 'index.html'))) {
    throw new PortalBuildError(
      `The partner portal app is missing: ${appDirectory} has no index.html for vite build. Add the app (web/partner-portal, issue 11).`,
    );
  }
  const vite = path.join(REPO_ROOT, 'node_modules', '.bin', 'vite');
  if (!fs.existsSync(vite)) throw new PortalBuildError(`${vite} is missing: run npm ci first.`);
  // Vite's progress goes to stderr: the CDK app's stdout is not ours to print on.
  const build = spawnSync(vite, ['build', '--outDir', outputDir, '--emptyOutDir'], {
    cwd: appDirectory,
    stdio: ['ignore', 2, 2],
  });
  if (build.status !== 0) {
    throw new PortalBuildError(
      `vite build of ${appDirectory} failed (${build.error?.message ?? `exit ${build.status}`}): see its output above.`,
    );
  }
  return true;
}

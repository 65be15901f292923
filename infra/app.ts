import { App } from 'aws-cdk-lib';
import { DEFAULT_STAGE, stageConfig } from '../config/stages';
import { buildApp } from './build-app';

// The only place in infra/ that reads stage values and the environment: `cdk synth -c stage=staging`
// picks the stage (prod when absent); the account comes from the config, or from the CLI's profile.
const app = new App();
const config = stageConfig(String(app.node.tryGetContext('stage') ?? DEFAULT_STAGE));
buildApp(app, { ...config, account: config.account ?? process.env.CDK_DEFAULT_ACCOUNT });

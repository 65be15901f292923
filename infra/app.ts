import { App } from 'aws-cdk-lib';
import { buildApp } from './build-app';
import { config } from './config';

// The only place that reads the environment: the account comes from the config, or from the CLI's profile.
const stageConfig = { ...config, account: config.account ?? process.env.CDK_DEFAULT_ACCOUNT };

buildApp(new App(), stageConfig);

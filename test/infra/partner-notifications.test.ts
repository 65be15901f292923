import { App } from 'aws-cdk-lib';
import { prod } from '../../config/stages/prod';
import { buildApp } from '../../infra/build-app';

describe('partner notifications at synth', () => {
  it('fails synth, naming the partner, when a stage notifies partners that have no subscriber', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    buildApp(app, { ...prod, notifyPartners: true });
    expect(() => app.synth()).toThrow(/partner cidff94 has no notificationEmails/);
  });
});

import { config, type StageConfig } from '../../infra/config';

/**
 * The stages whose synthesized templates the whole-template checks (cfn-lint, Connect limits) cover.
 * Adding a stage is one entry here.
 */
export const STAGES: readonly StageConfig[] = [config];

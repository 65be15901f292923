import type { StageConfig } from '#domain/stage';
import { STAGES as CONFIGURED_STAGES } from '../../config/stages';

/** The stages whose synthesized templates the whole-template checks (cfn-lint, Connect limits) cover: all of them. */
export const STAGES: readonly StageConfig[] = Object.values(CONFIGURED_STAGES);

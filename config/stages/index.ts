import type { StageConfig } from '#domain/stage';
import { prod } from './prod';
import { staging } from './staging';

/** Every stage the line deploys to, by name. Read only by the entry points: infra/app.ts and local/. */
export const STAGES: Readonly<Record<string, StageConfig>> = { prod, staging };

/** The stage chosen when none is named. */
export const DEFAULT_STAGE = 'prod';

/** The stage name is not one of {@link STAGES}. */
export class UnknownStageError extends Error {
  override readonly name = 'UnknownStageError';
  constructor(readonly stage: string) {
    super(`Unknown stage "${stage}": choose one of ${Object.keys(STAGES).join(', ')} (config/stages/)`);
  }
}

/** The configuration of stage `name` (default prod). */
export function stageConfig(name: string = DEFAULT_STAGE): StageConfig {
  const config = STAGES[name];
  if (config === undefined) throw new UnknownStageError(name);
  return config;
}

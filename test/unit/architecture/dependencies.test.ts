import { dependencyViolations, readLayerSources, type SourceFile } from '../../support/dependency-rules';

const LAYERS = ['domain', 'config', 'infra', 'functions', 'events', 'local', 'bench', 'web', 'test'];

describe('the dependency direction', () => {
  it('holds across the repository: no import breaks a layer rule', () => {
    // This file's examples break the rules on purpose.
    const files = readLayerSources(LAYERS).filter(
      (file) => file.path !== 'test/unit/architecture/dependencies.test.ts',
    );
    expect(files.length).toBeGreaterThan(100);
    expect(dependencyViolations(files)).toEqual([]);
  });

  // Each rule proven by a file that breaks it on purpose.
  const broken: readonly [string, SourceFile][] = [
    [
      'a function importing infra/',
      { path: 'functions/x/handler.ts', source: "import { a } from '../../infra/b';" },
    ],
    [
      'events/ importing config/',
      { path: 'events/schemas/x.ts', source: "import { prod } from '../../config/stages/prod';" },
    ],
    [
      'a function requiring config/',
      { path: 'functions/x/y.ts', source: "const c = require('../../config/stages');" },
    ],
    [
      'domain/ importing functions/',
      { path: 'domain/x.ts', source: "import { a } from '../functions/shared/env';" },
    ],
    [
      'domain/ importing the SDK',
      { path: 'domain/x.ts', source: "import { S } from '@aws-sdk/client-sqs';" },
    ],
    ['domain/ importing middy', { path: 'domain/q/x.ts', source: "import middy from '@middy/core';" }],
    ['a function importing full zod', { path: 'functions/x/y.ts', source: "import { z } from 'zod';" }],
    ['a test importing zod/v4', { path: 'test/unit/x.test.ts', source: "import * as z from 'zod/v4';" }],
    ['domain/ importing the CDK', { path: 'domain/x.ts', source: "import { Stack } from 'aws-cdk-lib';" }],
    ['domain/ reading files', { path: 'domain/x.ts', source: "import * as fs from 'node:fs';" }],
    [
      'a construct reading the stage config',
      { path: 'infra/constructs/x.ts', source: "import { prod } from '../../config/stages/prod';" },
    ],
    [
      'infra/ importing a runtime module',
      { path: 'infra/constructs/x.ts', source: "import { emit } from '../../functions/shared/emit-metric';" },
    ],
    [
      'config/ importing infra/',
      { path: 'config/stages/x.ts', source: "import { y } from '../../infra/y';" },
    ],
  ];
  it.each(broken)('rejects %s', (_name, file) => {
    expect(dependencyViolations([file])).toHaveLength(1);
  });

  const allowed: readonly [string, SourceFile][] = [
    ['domain/ using zod/mini', { path: 'domain/x.ts', source: "import * as z from 'zod/mini';" }],
    ['domain/ importing itself', { path: 'domain/a/x.ts', source: "import { y } from '../y';" }],
    [
      'a function importing the domain',
      { path: 'functions/x/h.ts', source: "import { T } from '#domain/tables';" },
    ],
    [
      'infra/app.ts reading the stages',
      { path: 'infra/app.ts', source: "import { s } from '../config/stages';" },
    ],
    ['local/ reading the stages', { path: 'local/line.ts', source: "import { s } from '../config/stages';" }],
    [
      'a construct naming a handler entry as a string',
      {
        path: 'infra/constructs/f.ts',
        source: "const entry = path.join(ROOT, 'functions', name, 'handler.ts');",
      },
    ],
  ];
  it.each(allowed)('allows %s', (_name, file) => {
    expect(dependencyViolations([file])).toEqual([]);
  });
});

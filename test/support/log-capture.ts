/**
 * Captures everything written to stdout and stderr (Powertools Logger and EMF metrics write there),
 * so tests can assert that no phone number ever reaches a log line.
 */
export interface LogCapture {
  readonly text: () => string;
  readonly lines: () => Record<string, unknown>[];
  readonly restore: () => void;
}

export function captureLogs(): LogCapture {
  const chunks: string[] = [];
  const spies = [process.stdout, process.stderr].map((stream) =>
    jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }),
  );
  return {
    text: () => chunks.join(''),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    restore: () => {
      for (const spy of spies) spy.mockRestore();
    },
  };
}

/** Every spelling of a French number that could leak: E.164, national, and the digits alone. */
export function spellings(e164: string): string[] {
  const national = `0${e164.slice(3)}`;
  return [e164, national, e164.slice(1), e164.slice(3)];
}

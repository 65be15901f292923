// Kills the emulators' process groups when the process that started them dies without stopping them
// (SIGKILL, a jest worker torn down, an OOM). The parent holds this process's stdin open and writes
// "+<pgid>" / "-<pgid>" lines; the OS closes the pipe when the parent dies, whatever the cause.
const groups = new Set();
let buffered = '';

process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffered += chunk;
  const lines = buffered.split('\n');
  buffered = lines.pop() ?? '';
  for (const line of lines) {
    const pgid = Number.parseInt(line.slice(1), 10);
    if (!Number.isInteger(pgid) || pgid <= 1) continue;
    if (line.startsWith('+')) groups.add(pgid);
    if (line.startsWith('-')) groups.delete(pgid);
  }
});
process.stdin.on('end', () => {
  for (const pgid of groups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  process.exit(0);
});
// Signals aimed at the terminal's process group must not stop the guard before the pipe closes.
process.on('SIGINT', () => {});
process.on('SIGHUP', () => {});

import * as net from 'node:net';

/** Ports on the loopback interface, where the emulators listen. */

/** Asks the OS for a port that is free on 127.0.0.1 right now. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('The OS returned no port'));
      });
    });
  });
}

/** True when something already listens on 127.0.0.1:`port`. */
export async function isPortInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(true));
    server.listen({ host: '127.0.0.1', port }, () => server.close(() => resolve(false)));
  });
}

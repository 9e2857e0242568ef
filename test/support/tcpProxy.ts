// A TCP relay on loopback between a counter and its server, to make the network fail on purpose:
// `dropNextAnswer()` lets the next request reach the server but cuts the connection as the answer
// comes back (a lost answer); `down()` refuses and cuts every connection until `up()`.
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  url: string;
  dropNextAnswer(): void;
  /** How many answers were cut so far. */
  dropped(): number;
  down(): void;
  up(): void;
  close(): Promise<void>;
}

export async function startProxy(target: string): Promise<TcpProxy> {
  const t = new URL(target);
  let drop = false;
  let droppedCount = 0;
  let isDown = false;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (isDown) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(t.port), t.hostname);
    sockets.add(client);
    sockets.add(upstream);
    let sentSinceDrop = false;
    client.on('data', (d) => {
      if (drop) sentSinceDrop = true;
      upstream.write(d);
    });
    upstream.on('data', (d) => {
      // The answer to a request sent after dropNextAnswer(): cut instead of relaying it.
      if (drop && sentSinceDrop) {
        drop = false;
        droppedCount++;
        client.destroy();
        upstream.destroy();
        return;
      }
      client.write(d);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return {
    url: `https://127.0.0.1:${port}`,
    dropNextAnswer: () => (drop = true),
    dropped: () => droppedCount,
    down() {
      isDown = true;
      for (const s of sockets) s.destroy();
    },
    up: () => (isDown = false),
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

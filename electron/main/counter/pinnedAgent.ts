// HTTPS to the box office server, trusting exactly one certificate: the one whose SHA-256
// fingerprint was shown on the server and learned at pairing. The server's certificate is
// self-made, so no CA vouches for it; the pin replaces the chain check, and a connection whose
// certificate does not match is closed before any request (or device secret) is written to it.
// Plain Node (no Electron), so tests and the bench use the same code.
import type { RequestOptions } from 'node:http';
import { Agent, type AgentOptions } from 'node:https';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect, type ConnectionOptions } from 'node:tls';

export class PinMismatchError extends Error {
  readonly code = 'CERT_PIN_MISMATCH';
  constructor(readonly expected: string, readonly got: string) {
    super(`The box office server's certificate (${got}) is not the one this counter was paired with (${expected})`);
  }
}

/** `SHA256 AB:CD:...` or `AB:CD:...` to the bare colon-separated upper-case hex. */
export function normalizeFingerprint(fp: string): string {
  return fp.trim().replace(/^SHA256\s+/i, '').toUpperCase();
}

export class PinnedAgent extends Agent {
  private readonly pin: string;

  constructor(fingerprint: string, opts: AgentOptions = {}) {
    super({ keepAlive: true, maxSockets: 16, ...opts });
    this.pin = normalizeFingerprint(fingerprint);
  }

  // Node's Agent accepts a connection handed over later through the callback.
  override createConnection(options: RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): undefined {
    let done = false;
    const finish = (err: Error | null, stream?: Duplex) => {
      if (done) return;
      done = true;
      callback?.(err, stream as Duplex);
    };
    const host = options.host ?? 'localhost';
    const socket = connect({
      ...(options as ConnectionOptions),
      host,
      port: Number(options.port ?? 443),
      // The chain cannot be checked (self-made certificate); the pin below is the check.
      rejectUnauthorized: false,
      servername: isIP(host) ? '' : host,
    });
    socket.once('secureConnect', () => {
      const got = socket.getPeerCertificate()?.fingerprint256 ?? '';
      if (got.toUpperCase() !== this.pin) {
        const err = new PinMismatchError(this.pin, got);
        socket.destroy(err);
        finish(err);
        return;
      }
      finish(null, socket);
    });
    socket.once('error', (e) => finish(e));
    return undefined;
  }
}

// An SMS gateway reached over HTTP: POST {to, text} as JSON with a Bearer token. Gateways differ;
// this is the common shape, and the port keeps the rest of the engine unaware of it.
import { DeliveryError, type SmsGateway } from './ports';

export function createHttpSmsGateway(url: string, token: string | null, timeoutMs = 10_000): SmsGateway {
  return {
    async send(to, text, idempotencyKey) {
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': idempotencyKey,
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify({ to, text }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (e) {
        throw new DeliveryError(`SMS gateway unreachable: ${(e as Error).message}`, false);
      }
      if (!res.ok) throw new DeliveryError(`SMS gateway answered ${res.status}`, res.status >= 400 && res.status < 500 && res.status !== 429);
    },
  };
}

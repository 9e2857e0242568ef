// DNS-SD names shared by the LAN server's responder (electron/host/lan/discovery.ts) and a desktop
// counter's browser (electron/main/counter/discover.ts).
export const SERVICE_TYPE = '_boxoffice._tcp.local';

/** The TXT record's entries: `fp=<fingerprint>`, `cv=<contract version>`, `port=<port>`. */
export function txtEntries(fingerprint: string, contractVersion: string, port: number): string[] {
  return [`fp=${fingerprint}`, `cv=${contractVersion}`, `port=${port}`];
}

export function parseTxt(entries: (string | Uint8Array)[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of entries) {
    const text = typeof e === 'string' ? e : new TextDecoder().decode(e);
    const eq = text.indexOf('=');
    if (eq > 0) out[text.slice(0, eq)] = text.slice(eq + 1);
  }
  return out;
}

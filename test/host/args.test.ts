// The host's flags: --lan changes the defaults to the LAN server's (0.0.0.0:4174); explicit flags win.
import { describe, expect, it } from 'vitest';
import { parseCli } from '../../electron/host/args';

describe('serve flags', () => {
  it('keeps v1 defaults without --lan: loopback, port 4173', () => {
    expect(parseCli(['--data', '/tmp/x'])).toMatchObject({ lan: false, host: '127.0.0.1', port: 4173 });
  });
  it('serves the LAN on 0.0.0.0:4174 with --lan, and takes --host/--port over the defaults', () => {
    expect(parseCli(['--lan', '--data', '/tmp/x'])).toMatchObject({ lan: true, host: '0.0.0.0', port: 4174 });
    expect(parseCli(['--lan', '--host', '127.0.0.1', '--port', '0', '--data', '/tmp/x'])).toMatchObject({ lan: true, host: '127.0.0.1', port: 0 });
  });
  it('refuses a bad port with --lan too', () => {
    expect(() => parseCli(['--lan', '--port', 'x'])).toThrow(/--port must be a number/);
  });
});

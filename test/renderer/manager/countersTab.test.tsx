// @vitest-environment jsdom
// Manager > Counters: the fingerprint, a new pairing code, the device list, revoke after a
// confirmation, and a live reload when a device is paired elsewhere.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { CountersTab } from '../../../renderer/src/manager/CountersTab';
import { setApi } from '../../../renderer/src/api';
import type { Device } from '../../../shared/contract';
import { fakeApi } from '../fakeApi';

afterEach(() => {
  cleanup();
  setApi(null);
});

const TILL: Device = { id: 'dv_1', name: 'Till 1', pairedAt: '2030-01-05T15:00:00.000Z', lastSeenAt: '2030-01-05T16:00:00.000Z', lastAddress: '192.168.1.31', appVersion: '0.1.0', revoked: false };

function setUp(devices: Device[]) {
  const api = fakeApi();
  api.handle('auth.status', () => ({
    setupRequired: false, staff: { id: 'st', name: 'Manager', role: 'manager', active: true }, theater: null,
    mode: 'server', contractVersion: '2', appVersion: '0.1.0', serverTime: '2030-01-05T16:00:00.000Z', fingerprint: 'SHA256 AB:CD:EF',
  }));
  api.handle('devices.list', () => devices);
  api.handle('devices.pairingCode', () => ({ code: '4821-0736', expiresAt: '2030-01-05T16:10:00.000Z' }));
  api.handle('devices.revoke', ({ id }) => {
    const d = devices.find((x) => x.id === id)!;
    d.revoked = true;
    return d;
  });
  setApi(api);
  return api;
}

describe('Counters tab', () => {
  it('shows the fingerprint, makes a pairing code and lists the counters with last seen, address and version', async () => {
    setUp([{ ...TILL }]);
    render(<CountersTab />);
    expect(await screen.findByText('SHA256 AB:CD:EF')).toBeTruthy();
    expect(await screen.findByRole('cell', { name: '192.168.1.31' })).toBeTruthy();
    expect(screen.getByRole('cell', { name: '0.1.0' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'New pairing code' }));
    expect((await screen.findByRole('status')).textContent).toContain('4821-0736');
  });

  it('revokes a counter only after the confirmation, then shows it revoked', async () => {
    const api = setUp([{ ...TILL }]);
    render(<CountersTab />);
    fireEvent.click(await screen.findByRole('button', { name: 'Revoke Till 1' }));
    expect(api.callsTo('devices.revoke')).toHaveLength(0);
    const dialog = screen.getByRole('alertdialog', { name: 'Revoke this counter?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke Till 1' }));
    await waitFor(() => expect(api.callsTo('devices.revoke')).toEqual([{ id: 'dv_1' }]));
    expect(await screen.findByRole('cell', { name: 'Revoked' })).toBeTruthy();
  });

  it('reloads the list when a counter is paired elsewhere', async () => {
    const devices = [{ ...TILL }];
    const api = setUp(devices);
    render(<CountersTab />);
    await screen.findByRole('cell', { name: 'Till 1' });
    devices.push({ ...TILL, id: 'dv_2', name: 'Door' });
    api.emit('devices.changed', { deviceId: 'dv_2', revoked: false });
    expect(await screen.findByRole('cell', { name: 'Door' })).toBeTruthy();
  });
});

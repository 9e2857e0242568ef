// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { LayoutEditor } from '../../../renderer/src/manager/LayoutEditor';
import { setApi } from '../../../renderer/src/api';
import type { ChannelInput, Hall } from '../../../shared/contract';
import { FakeError, fakeApi } from '../fakeApi';

afterEach(() => {
  cleanup();
  setApi(null);
  vi.restoreAllMocks();
});

function hallFrom(input: ChannelInput<'halls.save'>): Hall {
  const rows = input.rows.map((r) => ({
    label: r.label,
    seats: r.seats.map((s, i) => ({ id: s.id ?? `seat_${r.label}${i}`, label: `${r.label}${s.number}`, number: s.number, column: s.column, width: s.width ?? 1, type: s.type, blocked: !!s.blocked })),
  }));
  const capacity = rows.reduce((n, r) => n + r.seats.filter((s) => !s.blocked).length, 0);
  return { id: input.id ?? 'hall_new', theaterId: input.theaterId, name: input.name, cleaningMinutes: input.cleaningMinutes, capacity, rows };
}

describe('LayoutEditor', () => {
  it('generates a grid, paints by drag, blocks, makes an aisle, shows live capacity and a preview, and saves', async () => {
    const api = fakeApi();
    api.handle('halls.save', (input) => hallFrom(input));
    setApi(api);
    render(<LayoutEditor theaterId="th_1" />);
    fireEvent.change(screen.getByLabelText('Hall name'), { target: { value: 'Hall 9' } });
    fireEvent.change(screen.getByLabelText('Rows'), { target: { value: '3' } });
    fireEvent.change(screen.getByLabelText('Seats per row'), { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    expect(screen.getByTestId('capacity').textContent).toBe('15');

    // Drag-paint A1..A3 vip.
    fireEvent.click(screen.getByRole('radio', { name: 'vip' }));
    fireEvent.mouseDown(screen.getByRole('button', { name: 'A1, regular' }));
    fireEvent.mouseEnter(screen.getByRole('button', { name: 'A2, regular' }));
    fireEvent.mouseEnter(screen.getByRole('button', { name: 'A3, regular' }));
    fireEvent.mouseUp(window);
    fireEvent.mouseEnter(screen.getByRole('button', { name: 'A4, regular' }));
    expect(screen.getByRole('button', { name: 'A1, vip' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'A3, vip' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'A4, regular' })).toBeTruthy();

    // Wheelchair place, a blocked seat, a whole row of recliners.
    fireEvent.click(screen.getByRole('radio', { name: 'wheelchair' }));
    fireEvent.mouseDown(screen.getByRole('button', { name: 'C1, regular' }));
    fireEvent.click(screen.getByRole('radio', { name: 'block' }));
    fireEvent.mouseDown(screen.getByRole('button', { name: 'B5, regular' }));
    expect(screen.getByTestId('capacity').textContent).toBe('14');
    fireEvent.change(screen.getByLabelText('Row B type'), { target: { value: 'recliner' } });
    expect(screen.getByRole('button', { name: 'B1, recliner' })).toBeTruthy();

    // Column 3 becomes an aisle.
    fireEvent.click(screen.getByRole('button', { name: 'Make column 3 an aisle' }));
    expect(screen.getByTestId('capacity').textContent).toBe('11');
    expect(screen.getByRole('button', { name: 'Empty, row A, column 3' })).toBeTruthy();

    // Rename row C, and the preview is the cashier's seat map.
    fireEvent.change(screen.getByLabelText('Row 3 label'), { target: { value: 'D' } });
    const preview = screen.getByRole('grid', { name: /Hall 9 preview/ });
    expect(within(preview).getByRole('button', { name: 'D1, wheelchair, available' })).toBeTruthy();
    expect(within(preview).getByRole('button', { name: 'B5, recliner, blocked' })).toBeTruthy();
    expect(within(preview).queryByRole('button', { name: /^A3,/ })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Save layout' }));
    await screen.findByText(/Saved "Hall 9": 11 seats on sale/);
    const sent = api.callsTo('halls.save')[0] as ChannelInput<'halls.save'>;
    expect(sent.name).toBe('Hall 9');
    expect(sent.rows.map((r) => r.label)).toEqual(['A', 'B', 'D']);
    expect(sent.rows[0]!.seats.map((s) => [s.number, s.column, s.type])).toEqual([[1, 0, 'vip'], [2, 1, 'vip'], [4, 3, 'regular'], [5, 4, 'regular']]);
    expect(sent.rows[1]!.seats.find((s) => s.number === 5)).toMatchObject({ blocked: true, type: 'recliner' });
  });

  it('refuses to save duplicate row labels and explains LAYOUT_IN_USE with the seats and show times', async () => {
    const api = fakeApi();
    api.handle('halls.save', () => {
      throw new FakeError('LAYOUT_IN_USE', 'Seats A1 are held or sold for upcoming shows', {
        seats: [{ seatId: 's1', label: 'A1', showId: 'sh1', startsAt: '2030-01-05T00:00:00.000Z' }],
      });
    });
    setApi(api);
    const hall: Hall = { id: 'h1', theaterId: 'th_1', name: 'Hall 1', cleaningMinutes: 15, capacity: 2, rows: [
      { label: 'A', seats: [{ id: 's1', label: 'A1', number: 1, column: 0, width: 1, type: 'vip', blocked: false }, { id: 's2', label: 'A2', number: 2, column: 1, width: 1, type: 'vip', blocked: false }] },
      { label: 'B', seats: [{ id: 's3', label: 'B1', number: 1, column: 0, width: 1, type: 'regular', blocked: false }] },
    ] };
    render(<LayoutEditor theaterId="th_1" hall={hall} />);
    expect(screen.getByTestId('capacity').textContent).toBe('3');
    fireEvent.change(screen.getByLabelText('Row 2 label'), { target: { value: 'A' } });
    expect(screen.getByText('Row "A" appears twice')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Save layout' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Row 2 label'), { target: { value: 'B' } });

    fireEvent.click(screen.getByRole('radio', { name: 'remove seat' }));
    fireEvent.mouseDown(screen.getByRole('button', { name: 'A1, vip' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save layout' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Seats A1 are held or sold');
    await waitFor(() => expect(screen.getByTestId('in-use').textContent).toMatch(/A1 — show at Fri, Jan 4, 7:00 PM/));
    const sent = api.callsTo('halls.save')[0] as ChannelInput<'halls.save'>;
    expect(sent.id).toBe('h1');
    expect(sent.rows[0]!.seats.map((s) => s.id)).toEqual(['s2']);
  });

  it('applies the tool with the keyboard (Enter on a seat)', () => {
    setApi(fakeApi());
    render(<LayoutEditor theaterId="th_1" />);
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    fireEvent.click(screen.getByRole('radio', { name: 'companion' }));
    // A keyboard activation is a click with detail 0.
    fireEvent.click(screen.getByRole('button', { name: 'A2, regular' }), { detail: 0 });
    expect(screen.getByRole('button', { name: 'A2, companion' })).toBeTruthy();
  });
});

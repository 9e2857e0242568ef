// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { SeatMap } from '../../renderer/src/features/seatmap/SeatMap';
import { makeSeats } from './fakeApi';

afterEach(cleanup);

function setup(mine: string[] = [], onToggle = vi.fn()) {
  const seats = makeSeats();
  seats.find((s) => s.id === 's_A2')!.status = 'sold';
  seats.find((s) => s.id === 's_B1')!.status = 'held';
  seats.find((s) => s.id === 's_C6')!.status = 'blocked';
  for (const id of mine) seats.find((s) => s.id === id)!.status = 'held';
  render(<SeatMap seats={seats} mine={new Set(mine)} onToggle={onToggle} hallName="Hall 1" />);
  return { onToggle };
}

describe('SeatMap', () => {
  it('is an ARIA grid of rows and seat buttons named label, type, status', () => {
    setup(['s_A3']);
    const grid = screen.getByRole('grid', { name: /Seats, Hall 1/ });
    expect(grid).toBeTruthy();
    expect(screen.getAllByRole('row')).toHaveLength(3);
    expect(screen.getAllByRole('gridcell')).toHaveLength(18);
    expect(screen.getByRole('button', { name: 'A1, vip, available' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'A2, vip, sold' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /^B1, regular, held/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'C6, regular, blocked' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /^A3, vip, held by you/ })).toBeTruthy();
  });

  it('marks my seats pressed and disables seats that cannot be taken', () => {
    setup(['s_A3']);
    const mine = screen.getByRole('button', { name: /^A3,/ });
    expect(mine.getAttribute('aria-pressed')).toBe('true');
    expect((mine as HTMLButtonElement).disabled).toBe(false);
    expect(screen.getByRole('button', { name: /^A1,/ }).getAttribute('aria-pressed')).toBe('false');
    for (const l of ['A2', 'B1', 'C6']) expect((screen.getByRole('button', { name: new RegExp(`^${l},`) }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('is one tab stop (roving tabindex) and arrow keys move between free seats', () => {
    setup();
    const grid = screen.getByRole('grid');
    const tabbable = grid.querySelectorAll('button[tabindex="0"]');
    expect(tabbable).toHaveLength(1);
    const a1 = screen.getByRole('button', { name: /^A1,/ });
    expect(a1.getAttribute('tabindex')).toBe('0');
    a1.focus();
    fireEvent.keyDown(a1, { key: 'ArrowRight' });
    // A2 is sold: skipped
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /^A3,/ }));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /^B3,/ }));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /^B2,/ }));
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /^B6,/ }));
    expect(grid.querySelectorAll('button[tabindex="0"]')).toHaveLength(1);
    expect(screen.getByRole('button', { name: /^B6,/ }).getAttribute('tabindex')).toBe('0');
  });

  it('toggles a seat on click (Enter/Space activate the button) and ignores disabled seats', () => {
    const { onToggle } = setup();
    fireEvent.click(screen.getByRole('button', { name: /^A1,/ }));
    expect(onToggle).toHaveBeenCalledWith('s_A1');
    fireEvent.click(screen.getByRole('button', { name: /^A2,/ }));
    expect(onToggle).toHaveBeenCalledTimes(1);
  });

  it('leaves an aisle between column groups', () => {
    setup();
    const cell3 = screen.getByRole('button', { name: /^A3,/ }).parentElement!;
    const cell4 = screen.getByRole('button', { name: /^A4,/ }).parentElement!;
    expect(Number(cell4.style.gridColumn) - Number(cell3.style.gridColumn)).toBe(2);
  });

  it('renders a 3,000-seat hall', () => {
    const seats = makeSeats(Array.from({ length: 50 }, (_, i) => `R${i + 1}`), 60);
    const { container } = render(<SeatMap seats={seats} mine={new Set()} onToggle={() => {}} />);
    expect(container.querySelectorAll('[role="gridcell"] > button')).toHaveLength(3000);
    expect(container.querySelectorAll('button[tabindex="0"][data-seat-id]')).toHaveLength(1);
  });
});

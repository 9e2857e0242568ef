import { describe, expect, it } from 'vitest';
import {
  addRow, capacity, fromHall, generate, insertAisle, paint, problems, removeColumn, renameRow, renumber, rowLabel,
  setRowType, toMapSeats, toSaveRows,
} from '../../../renderer/src/manager/layout';

describe('layout logic', () => {
  it('labels rows A..Z then AA', () => {
    expect([rowLabel(0), rowLabel(25), rowLabel(26), rowLabel(27)]).toEqual(['A', 'Z', 'AA', 'AB']);
  });

  it('generates rows x seats, numbered from 1 in consecutive columns', () => {
    const g = generate(3, 4);
    expect(g.map((r) => r.label)).toEqual(['A', 'B', 'C']);
    expect(g[0]!.seats.map((s) => [s.number, s.column])).toEqual([[1, 0], [2, 1], [3, 2], [4, 3]]);
    expect(capacity(g)).toBe(12);
  });

  it('paints types, blocks and unblocks; painting twice is harmless', () => {
    let g = generate(2, 3);
    g = paint(g, 0, 1, { kind: 'type', type: 'wheelchair' });
    const again = paint(g, 0, 1, { kind: 'type', type: 'wheelchair' });
    expect(again).toBe(g);
    g = paint(g, 1, 2, { kind: 'block' });
    expect(g[0]!.seats[1]!.type).toBe('wheelchair');
    expect(g[1]!.seats[2]!.blocked).toBe(true);
    expect(capacity(g)).toBe(5);
    g = paint(g, 1, 2, { kind: 'unblock' });
    expect(capacity(g)).toBe(6);
  });

  it('removes seats and whole columns as aisles; adds a seat back into a gap', () => {
    let g = generate(2, 5);
    g = removeColumn(g, 2);
    expect(g[0]!.seats.map((s) => s.column)).toEqual([0, 1, 3, 4]);
    expect(g[0]!.seats.map((s) => s.number)).toEqual([1, 2, 4, 5]);
    g = paint(g, 0, 0, { kind: 'remove' });
    expect(capacity(g)).toBe(7);
    g = paint(g, 0, 0, { kind: 'add' });
    expect(g[0]!.seats[0]).toMatchObject({ number: 1, column: 0, type: 'regular' });
    g = renumber(g);
    expect(g[1]!.seats.map((s) => s.number)).toEqual([1, 2, 3, 4]);
  });

  it('inserts an aisle by shifting columns right', () => {
    const g = insertAisle(generate(1, 4), 2);
    expect(g[0]!.seats.map((s) => s.column)).toEqual([0, 1, 3, 4]);
  });

  it('sets a whole row type, renames rows, and reports problems before saving', () => {
    let g = setRowType(generate(2, 3), 1, 'vip');
    expect(g[1]!.seats.every((s) => s.type === 'vip')).toBe(true);
    g = renameRow(g, 1, 'A');
    expect(problems(g)).toContain('Row "A" appears twice');
    g = renameRow(g, 1, 'B-1');
    expect(problems(g)[0]).toMatch(/1 to 4 letters or digits/);
    expect(problems(renameRow(g, 1, 'BB'))).toEqual([]);
    expect(addRow(g, 3).at(-1)!.label).toBe('C');
  });

  it('round-trips through halls.get / halls.save keeping seat ids', () => {
    const hall = {
      rows: [{ label: 'A', seats: [
        { id: 's2', label: 'A2', number: 2, column: 3, width: 2, type: 'vip' as const, blocked: true },
        { id: 's1', label: 'A1', number: 1, column: 0, width: 1, type: 'regular' as const, blocked: false },
      ] }],
    };
    const rows = toSaveRows(fromHall(hall));
    expect(rows).toEqual([{ label: 'A', seats: [
      { id: 's1', number: 1, column: 0, width: 1, type: 'regular', blocked: false },
      { id: 's2', number: 2, column: 3, width: 2, type: 'vip', blocked: true },
    ] }]);
    const fresh = toSaveRows(generate(1, 1));
    expect(fresh[0]!.seats[0]).not.toHaveProperty('id');
  });

  it('draws the preview as map seats, blocked ones blocked', () => {
    const m = toMapSeats(paint(generate(1, 2), 0, 1, { kind: 'block' }));
    expect(m.map((s) => [s.label, s.status])).toEqual([['A1', 'available'], ['A2', 'blocked']]);
  });
});

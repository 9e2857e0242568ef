// Seat geometry for the seat map, kept out of the component: where a seat sits on the CSS grid (a
// wide seat spans its columns) and which seat the arrow keys reach. "Beside" is the one definition
// in shared/sideBySide.ts, so the keyboard, best-available and the no-single-seat rule agree.
import { centreOf, endOf, isRightOf, widthOf, type Placed } from '../../../../shared/sideBySide';

/** Where a seat is: its row, first grid column and width (a MapSeat, or the grid's own seat type). */
type Spot = Pick<Placed, 'column' | 'width'>;

/** The CSS grid placement of a seat: grid column 1 is the row label, so column `minCol` is grid column 2. */
export function seatGridColumn(seat: Spot, minCol: number): string {
  const start = seat.column - minCol + 2;
  return widthOf(seat) > 1 ? `${start} / span ${widthOf(seat)}` : String(start);
}

/** The class a seat's grid cell adds when the seat is wider than one column (the button fills the cell). */
export function seatCellClass(seat: Pick<Placed, 'width'>): string {
  return widthOf(seat) > 1 ? 'seat-cell seat-cell--wide' : 'seat-cell';
}

/** The last grid column any seat covers (a 2-wide seat at column 9 covers 9 and 10). */
export function lastColumnOf(seats: readonly Spot[]): number {
  let last = -Infinity;
  for (const s of seats) last = Math.max(last, endOf(s) - 1);
  return last;
}

/**
 * Arrow left/right within one row: the seat beside `from` in that direction (side by side, whatever
 * either's width), or across the aisle when nothing touches it; when that seat cannot be taken
 * (sold, held, blocked) the walk goes on to the next. Null at the row's end.
 */
export function besideInRow<T extends Placed>(row: readonly T[], from: T, step: 1 | -1, enabled: (s: T) => boolean): T | null {
  let cur = from;
  for (let guard = 0; guard < row.length; guard++) {
    const here = cur;
    let next = row.find((s) => (step === 1 ? isRightOf(here, s) : isRightOf(s, here)));
    if (!next) {
      // Nothing touches this side: the nearest seat past the aisle.
      for (const s of row) {
        if (step === 1 ? s.column >= endOf(here) && (!next || s.column < next.column) : endOf(s) <= here.column && (!next || s.column > next.column)) next = s;
      }
    }
    if (!next) return null;
    if (enabled(next)) return next;
    cur = next;
  }
  return null;
}

/** Arrow up/down: the seat of another row whose centre is nearest this one's (a wide seat lines up with the seats under its middle). */
export function nearestByCentre<T extends Spot>(row: readonly T[], from: Spot, enabled: (s: T) => boolean): T | null {
  const c = centreOf(from);
  let best: T | null = null;
  for (const s of row) if (enabled(s) && (!best || Math.abs(centreOf(s) - c) < Math.abs(centreOf(best) - c))) best = s;
  return best;
}

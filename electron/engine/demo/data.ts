// The demo data itself: theater, films, staff and the three hall layouts (columns leave gaps
// for aisles, so the seat map shows them).
import type { Role, SeatType } from '../../../shared/contract';

export interface DemoRow { label: string; seats: { number: number; column: number; width?: number; type: SeatType }[] }

export const DEMO_THEATER = { name: 'PVR Cinemas', city: 'New York', timezone: 'America/New_York', currency: 'USD' };

export const DEMO_STAFF: { name: string; role: Role; pin: string }[] = [
  { name: 'Manager', role: 'manager', pin: '1234' },
  { name: 'Cashier', role: 'cashier', pin: '0000' },
];

export const DEMO_MOVIES = [
  { title: 'Inception', durationMinutes: 148, genres: ['Sci-Fi', 'Thriller'], language: 'English', rating: 'PG-13', releaseDate: '2010-07-16', synopsis: 'A thief who steals secrets through dreams is asked to plant an idea instead.' },
  { title: 'The Dark Knight', durationMinutes: 152, genres: ['Action', 'Crime'], language: 'English', rating: 'PG-13', releaseDate: '2008-07-18', synopsis: 'Batman faces the Joker, who wants to watch Gotham burn.' },
  { title: 'Interstellar', durationMinutes: 169, genres: ['Sci-Fi', 'Drama'], language: 'English', rating: 'PG-13', releaseDate: '2014-11-07', synopsis: 'Explorers travel through a wormhole to find humanity a new home.' },
  { title: 'Dune: Part Two', durationMinutes: 166, genres: ['Sci-Fi', 'Adventure'], language: 'English', rating: 'PG-13', releaseDate: '2024-03-01', synopsis: 'Paul Atreides unites with the Fremen against the conspirators who destroyed his family.' },
  { title: 'Spirited Away', durationMinutes: 125, genres: ['Animation', 'Fantasy'], language: 'Japanese', rating: 'PG', releaseDate: '2001-07-20', synopsis: 'A girl trapped in a world of spirits works in a bathhouse to free her parents.' },
  { title: 'Parasite', durationMinutes: 132, genres: ['Thriller', 'Drama'], language: 'Korean', rating: 'R', releaseDate: '2019-05-30', synopsis: 'A poor family schemes its way into the household of a wealthy one.' },
  { title: 'Amélie', durationMinutes: 122, genres: ['Comedy', 'Romance'], language: 'French', rating: 'R', releaseDate: '2001-04-25', synopsis: 'A shy waitress in Montmartre secretly improves the lives of those around her.' },
  { title: '3 Idiots', durationMinutes: 170, genres: ['Comedy', 'Drama'], language: 'Hindi', rating: 'PG-13', releaseDate: '2009-12-25', synopsis: 'Two friends search for a long-lost college companion who taught them to think differently.' },
];

/** Column of seat n when aisles follow the given seat numbers (each aisle is one empty column). */
function columnOf(n: number, aislesAfter: number[]): number {
  return n + aislesAfter.filter((a) => n > a).length;
}

/** Row labels A..Z, then AA, AB, ... */
export function rowLabel(i: number): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return i < 26 ? letters[i]! : letters[Math.floor(i / 26) - 1]! + letters[i % 26]!;
}

/** Hall 1: rows A-F, seats 1-10, aisle after seat 5; A,B vip, C,D premium, E,F regular. */
export function hall1Rows(): DemoRow[] {
  const typeOf = (r: string): SeatType => (r <= 'B' ? 'vip' : r <= 'D' ? 'premium' : 'regular');
  return ['A', 'B', 'C', 'D', 'E', 'F'].map((label) => ({
    label,
    seats: Array.from({ length: 10 }, (_, i) => ({ number: i + 1, column: columnOf(i + 1, [5]), type: typeOf(label) })),
  }));
}

/**
 * Hall 2 (220 seats): rows A-J of 20 with aisles after seats 5 and 15; row A has wheelchair
 * places at both ends with a companion seat beside each pair; rows K and L are 10 recliners
 * each, two columns wide.
 */
export function hall2Rows(): DemoRow[] {
  const rows: DemoRow[] = [];
  for (let r = 0; r < 10; r++) {
    const label = rowLabel(r);
    rows.push({
      label,
      seats: Array.from({ length: 20 }, (_, i) => {
        const n = i + 1;
        let type: SeatType = r >= 7 ? 'premium' : 'regular';
        if (r === 0 && (n <= 2 || n >= 19)) type = 'wheelchair';
        else if (r === 0 && (n === 3 || n === 18)) type = 'companion';
        return { number: n, column: columnOf(n, [5, 15]), type };
      }),
    });
  }
  for (const label of ['K', 'L']) {
    // Ten recliners over the same width: each 2 wide (side by side with the next), aisle in the middle.
    rows.push({ label, seats: Array.from({ length: 10 }, (_, i) => ({ number: i + 1, column: 1 + i * 2 + (i >= 5 ? 1 : 0), width: 2, type: 'recliner' as SeatType })) });
  }
  return rows;
}

/** Grand Hall: 50 rows x 60 seats = 3,000, aisles after seats 15 and 45. */
export function grandHallRows(): DemoRow[] {
  return Array.from({ length: 50 }, (_, r) => ({
    label: rowLabel(r),
    seats: Array.from({ length: 60 }, (_, i) => {
      const n = i + 1;
      let type: SeatType = r >= 48 ? 'vip' : r >= 40 ? 'premium' : 'regular';
      if (r === 0 && (n <= 2 || n >= 59)) type = 'wheelchair';
      else if (r === 0 && (n === 3 || n === 58)) type = 'companion';
      return { number: n, column: columnOf(n, [15, 45]), type };
    }),
  }));
}

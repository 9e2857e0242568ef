// The demo's money (issue 13): distributors and film-rental shares for the demo films, so the
// film report has something to show, and one promo code a demo cashier can type (WELCOME10).
import type { Db } from '../db/open';
import { newId } from '../ids';

const DISTRIBUTORS: Record<string, [string, number]> = {
  Inception: ['Warner Bros.', 55],
  'The Dark Knight': ['Warner Bros.', 55],
  Interstellar: ['Paramount', 50],
  'Dune: Part Two': ['Warner Bros.', 55],
  'Spirited Away': ['GKIDS', 45],
  Parasite: ['Neon', 45],
};

export function seedDemoMoney(db: Db, now: number): void {
  const setDistributor = db.prepare('UPDATE movies SET distributor = ?, rental_percent = ? WHERE title = ?');
  for (const [title, [distributor, percent]] of Object.entries(DISTRIBUTORS)) setDistributor.run(distributor, percent, title);
  db.prepare("INSERT INTO promos (id, code, kind, value, active, uses, created_at) VALUES (?, 'WELCOME10', 'percent', 10, 1, 0, ?)").run(newId('promo'), now);
}

// The door's words: what a scanner typed becomes the code admissions.scan takes, and every answer
// reads as the sentence the door shows.
import { describe, expect, it } from 'vitest';
import { codeFromScan } from '../../shared/scan';
import { scanMessage } from '../../renderer/src/features/door/DoorScreen';

const TZ = 'America/New_York';
const ticket = { id: 'tk_1', code: 'ABCDEFGH23', seatId: 's_C3', seatLabel: 'C3', ticketType: 'adult', amount: 1950, status: 'admitted' as const, bookingId: 'bk_1', bookingCode: 'K7MPQ2', showId: 'sh_1' };

describe('door scans', () => {
  it('takes the code out of a box-office QR, or the code as typed', () => {
    expect(codeFromScan('BOXOFFICE:ABCDEFGH23:C3')).toBe('ABCDEFGH23');
    expect(codeFromScan('boxoffice:k7mpq2:C3,C4')).toBe('K7MPQ2');
    expect(codeFromScan('  k7m pq2 ')).toBe('K7MPQ2');
  });

  it('says why a ticket is refused', () => {
    expect(scanMessage({ result: 'admitted', tickets: [ticket] }, TZ)).toBe('Admitted: C3');
    expect(
      scanMessage({ result: 'already_admitted', tickets: [ticket], admittedAt: '2030-01-01T00:02:00.000Z', admittedBy: { id: 'st_1', name: 'Ana' }, door: 'Door 1' }, TZ),
    ).toBe('Already admitted at 7:02 PM by Ana (Door 1): C3');
    expect(
      scanMessage({ result: 'wrong_show', tickets: [ticket], ticketShow: { id: 'sh_2', startsAt: '2030-01-01T02:00:00.000Z', hallName: 'Hall 2', movieTitle: 'Dune' } }, TZ),
    ).toBe('Wrong show: this ticket is for Dune, Hall 2 at 9:00 PM');
    expect(scanMessage({ result: 'too_early', tickets: [ticket], doorsOpenAt: '2030-01-01T23:00:00.000Z' }, TZ)).toBe('Too early: doors open at 6:00 PM');
    expect(scanMessage({ result: 'cancelled', tickets: [] }, TZ)).toMatch(/^Cancelled/);
    expect(scanMessage({ result: 'unknown', tickets: [] }, TZ)).toMatch(/^Unknown code/);
  });
});

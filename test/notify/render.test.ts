// The customer's texts after a show cancellation: a cash refund is not sent back by itself, so
// the message says where to collect it; a card refund needs no visit.
import { describe, expect, it } from 'vitest';
import type { Receipt } from '../../shared/contract';
import { renderEmail, renderSms } from '../../electron/engine/notify/render';

const receipt = (owedCash?: number): Receipt => ({
  booking: {
    id: 'b_1', code: 'K7MPQ2', status: 'cancelled', showId: 'show_1', movieTitle: 'Inception', hallName: 'Hall 1',
    startsAt: '2030-01-01T19:00:00.000Z', tickets: [{ id: 'tk_A1', code: 'TKCODEA1', status: 'sold', seatId: 's_A1', seatLabel: 'A1', ticketType: 'adult', amount: 1800 }],
    total: 1800, currency: 'USD', payments: [{ method: owedCash ? 'cash' : 'card', amount: 1800 }],
    cashier: { id: 'st_1', name: 'Cashier' }, createdAt: '2030-01-01T10:00:00.000Z', cancelledAt: '2030-01-01T12:00:00.000Z',
    refund: { amount: 1800, percent: 100, ...(owedCash ? { owedCash } : {}) },
  },
  theater: { id: 'th_1', name: 'PVR Cinemas', city: 'New York', timezone: 'America/New_York', currency: 'USD' },
  lines: [{ seatLabel: 'A1', ticketType: 'adult', amount: 1800 }],
  qr: 'BOXOFFICE:K7MPQ2:A1',
  tickets: [],
  header: '',
  footer: '',
});

describe('show cancellation messages', () => {
  it('tell the customer to collect owed cash at the box office with the booking code', async () => {
    const mail = await renderEmail(receipt(1800), 'show.cancelled');
    expect(mail.text).toContain('Your cash refund of $18.00 is waiting at the box office: show this booking code.');
    expect(mail.html).toContain('<p>Your cash refund of $18.00 is waiting at the box office: show this booking code.</p>');
    expect(renderSms(receipt(1800), 'show.cancelled')).toMatch(/Code K7MPQ2\. Your cash refund of \$18\.00 is waiting at the box office/);
  });

  it('say nothing about collecting when the refund went back to a card', async () => {
    const mail = await renderEmail(receipt(), 'show.cancelled');
    expect(mail.text).toContain('Refunded: $18.00 (100 %)');
    expect(mail.text).not.toContain('waiting at the box office');
    expect(renderSms(receipt(), 'show.cancelled')).not.toContain('box office');
  });
});

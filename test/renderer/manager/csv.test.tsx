// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { csvField, toCsv } from '../../../renderer/src/manager/csv';
import { decimalText } from '../../../shared/money';
import { dailyCsv, filmCsv, ReportsTab } from '../../../renderer/src/manager/ReportsTab';
import { setApi } from '../../../renderer/src/api';
import type { DailyReport } from '../../../shared/contract';
import { fakeApi } from '../fakeApi';

afterEach(() => {
  cleanup();
  setApi(null);
  vi.restoreAllMocks();
});

const report: DailyReport = {
  date: '2030-01-05', currency: 'USD', ticketsSold: 3, bookings: 2, gross: 4550, refunds: 1000, net: 3550, tax: 0, owedCash: 0, byTicketType: [], vouchersSold: { count: 0, amount: 0 },
  byPaymentMethod: [{ method: 'cash', collected: 4550, refunded: 1000, net: 3550 }],
  byMovie: [{ key: 'mv_1', label: 'Crouching Tiger, "Hidden" Dragon', tickets: 3, gross: 4550, refunds: 1000, net: 3550 }],
  byShow: [], byCashier: [{ key: 'st_1', label: 'Cashier', tickets: 3, gross: 4550, refunds: 1000, net: 3550 }],
};

describe('csv', () => {
  it('quotes commas, quotes, line breaks and edge spaces; doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' pad')).toBe('" pad"');
    expect(csvField(null)).toBe('');
    expect(csvField(12)).toBe('12');
  });
  it('defuses spreadsheet formulas but keeps negative numbers', () => {
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('-12.50')).toBe('-12.50');
    expect(csvField(-5)).toBe('-5');
  });
  it('joins rows with CRLF and formats money from minor units', () => {
    expect(toCsv(['a', 'b'], [[1, 'x,y']])).toBe('a,b\r\n1,"x,y"\r\n');
    expect(decimalText(4550)).toBe('45.50');
    expect(decimalText(5)).toBe('0.05');
    expect(decimalText(-1005)).toBe('-10.05');
    expect(decimalText(1234, 'JPY')).toBe('1234');
    expect(decimalText(1234, 'KWD')).toBe('1.234');
  });
  it('writes the day report', () => {
    const lines = dailyCsv(report).split('\r\n');
    expect(lines[0]).toBe('section,key,label,tickets,gross (USD),refunds (USD),net (USD)');
    expect(lines[1]).toBe('total,all,Total,3,45.50,10.00,35.50');
    expect(lines).toContain('movie,mv_1,"Crouching Tiger, ""Hidden"" Dragon",3,45.50,10.00,35.50');
    expect(lines).toContain('tax,all,Tax in net,,,,0.00');
  });

  it('writes the film report with its rental', () => {
    const csv = filmCsv({ currency: 'USD', rows: [
      { movieId: 'mv_1', title: 'Inception', distributor: 'Warner, Bros.', shows: 3, admissions: 41, gross: 61500, tax: 5591, net: 55909, rentalPercent: 55, rental: 30750 },
      { movieId: 'mv_2', title: 'Other', shows: 1, admissions: 0, gross: 0, tax: 0, net: 0 },
    ] }, '2030-01-01', '2030-01-07').split('\r\n');
    expect(csv[0]).toBe('from,to,movie id,title,distributor,shows,admissions,gross (USD),tax (USD),net (USD),rental %,rental (USD)');
    expect(csv[1]).toBe('2030-01-01,2030-01-07,mv_1,Inception,"Warner, Bros.",3,41,615.00,55.91,559.09,55,307.50');
    expect(csv[2]).toBe('2030-01-01,2030-01-07,mv_2,Other,,1,0,0.00,0.00,0.00,,');
  });

  it('exports the day report from the Reports tab through a Blob download', async () => {
    const api = fakeApi();
    api.handle('reports.daily', () => report);
    api.handle('shifts.list', () => []);
    api.handle('reports.occupancy', () => []);
    api.handle('reports.film', () => ({ currency: 'USD', rows: [] }));
    setApi(api);
    const blobs: Blob[] = [];
    (URL as unknown as { createObjectURL: (b: Blob) => string }).createObjectURL = (b: Blob) => {
      blobs.push(b);
      return 'blob:fake';
    };
    (URL as unknown as { revokeObjectURL: () => void }).revokeObjectURL = () => undefined;
    const clicks: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    });
    render(<ReportsTab />);
    expect(await screen.findByTestId('gross')).toHaveProperty('textContent', '$45.50');
    fireEvent.click(screen.getByRole('button', { name: 'Export day report CSV' }));
    await waitFor(() => expect(clicks).toEqual(['day-report-2030-01-05.csv']));
    const text = await blobs[0]!.text();
    expect(text).toContain('total,all,Total,3,45.50,10.00,35.50');
    expect(screen.getByRole('img', { name: 'Net by movie' })).toBeTruthy();
  });
});

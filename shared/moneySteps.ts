// Money steps and tax lines as text, for the screen receipt and the printed one alike (one piece
// of code, so both say the same): "Base price $15.00, VIP seat x1.5 = $22.50, Weekend x1.5 = $33.75".
import type { Receipt, StoredBreakdownStep } from './contract';
import { formatMoney } from './money';

/** One step: its label and the running amount after it (older sales have no running amounts). */
export function stepText(s: StoredBreakdownStep, currency: string): string {
  if (s.kind === 'base' || s.kind === 'flatPrice') return `${s.label} ${formatMoney(s.amountAfter ?? s.value, currency)}`;
  if (s.kind === 'surcharge') return `${s.label} +${formatMoney(s.value, currency)}${s.amountAfter !== undefined ? ` = ${formatMoney(s.amountAfter, currency)}` : ''}`;
  if (s.kind === 'promo' && !s.label.includes('%')) return `${s.label} -${formatMoney(s.value, currency)}${s.amountAfter !== undefined ? ` = ${formatMoney(s.amountAfter, currency)}` : ''}`;
  if (s.kind === 'tax') return `${s.label} ${formatMoney(s.value, currency)}${s.amountAfter !== undefined ? ` = ${formatMoney(s.amountAfter, currency)}` : ''}`;
  return s.amountAfter !== undefined ? `${s.label} = ${formatMoney(s.amountAfter, currency)}` : s.label;
}

export function stepsText(steps: readonly StoredBreakdownStep[], currency: string): string {
  return steps.map((s) => stepText(s, currency)).join(', ');
}

/** The tax block of a receipt: net, tax (with its rate and mode) and gross; none when there is no tax. */
export function taxLines(r: Pick<Receipt, 'tax'>, currency: string): { label: string; amount: string }[] {
  if (!r.tax || (r.tax.ratePercent === 0 && r.tax.tax === 0)) return [];
  const rate = `${Number(r.tax.ratePercent.toFixed(3))} %`;
  return [
    { label: 'Net', amount: formatMoney(r.tax.net, currency) },
    { label: r.tax.mode === 'inclusive' ? `Tax ${rate} (included)` : `Tax ${rate}`, amount: formatMoney(r.tax.tax, currency) },
    { label: 'Gross', amount: formatMoney(r.tax.gross, currency) },
  ];
}

// Gift vouchers at the counter (issue 13): sell one (cash on the shift or card; vouchers.sell,
// one idempotency key per attempt), print it with its QR code, and look up a voucher's balance.
import { useState } from 'react';
import type { ChannelOutput, Voucher } from '../../../../shared/contract';
import { ApiError, call, messageOf, newAttemptKey } from '../../api';
import { DEFAULT_TZ, decimalText, formatInstantDate, formatMoney, parseMoney } from '../../lib/format';
import { currencyOf, useSession } from '../../stores/session';
import { useShift } from '../../stores/shift';
import { useQrDataUrl } from '../receipt/Receipt';
import { useVoucherLookup } from './useVoucherLookup';

/** The voucher's code printed in groups of four, as typed back at the counter (dashes are ignored). */
export function groupedCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1-');
}

function VoucherCard({ voucher }: { voucher: Voucher }) {
  const qr = useQrDataUrl(`BOXOFFICE-VOUCHER:${voucher.code}`);
  const tz = useSession((s) => s.theater?.timezone) ?? DEFAULT_TZ;
  return (
    <article className="receipt voucher" aria-label="Gift voucher">
      <h2 className="receipt-theater">Gift voucher</h2>
      <p className="receipt-code">
        <strong data-testid="voucher-code">{groupedCode(voucher.code)}</strong>
      </p>
      <div className="receipt-qr">{qr ? <img src={qr} alt={`QR code for gift voucher ${voucher.code}`} width={160} height={160} /> : <span className="muted">QR…</span>}</div>
      <p>
        Value <strong>{formatMoney(voucher.amount, voucher.currency)}</strong> · balance{' '}
        <strong data-testid="voucher-card-balance">{formatMoney(voucher.balance, voucher.currency)}</strong>
      </p>
      <p>Valid until {formatInstantDate(voucher.expiresAt, tz)} ({voucher.status})</p>
    </article>
  );
}

function SellVoucher() {
  const currency = useSession(currencyOf);
  const noShift = useShift((s) => s.loaded && s.shift === null);
  const [amountText, setAmountText] = useState('25.00');
  const [method, setMethod] = useState<'cash' | 'card'>('cash');
  const [tenderedText, setTenderedText] = useState('');
  const [reference, setReference] = useState('');
  const [key, setKey] = useState(() => newAttemptKey());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sold, setSold] = useState<ChannelOutput<'vouchers.sell'> | null>(null);
  const amount = parseMoney(amountText, currency);
  const tendered = tenderedText.trim() ? parseMoney(tenderedText, currency) : amount;
  const sell = async (e: React.FormEvent) => {
    e.preventDefault();
    if (amount === null || amount <= 0) return;
    setBusy(true);
    setError(null);
    try {
      const r = await call('vouchers.sell', {
        amount,
        payments: [{ method, amount, ...(method === 'cash' && tendered !== null ? { tendered } : {}), ...(method === 'card' && reference.trim() ? { reference: reference.trim() } : {}) }],
        idempotencyKey: key,
      });
      setSold(r);
      setKey(newAttemptKey());
    } catch (err) {
      // Only a lost answer keeps the key (a retry then cannot sell twice); a refusal starts afresh.
      if (!(err instanceof ApiError && (err.code === 'NETWORK' || err.code === 'INTERNAL'))) setKey(newAttemptKey());
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" aria-label="Sell a gift voucher">
      <h2>Sell a gift voucher</h2>
      {sold ? (
        <>
          <VoucherCard voucher={sold.voucher} />
          {sold.payments.some((p) => (p.change ?? 0) > 0) && (
            <p className="success">Change {formatMoney(sold.payments.reduce((s, p) => s + (p.change ?? 0), 0), currency)}</p>
          )}
          <div className="actions no-print">
            <button type="button" onClick={() => window.print()}>Print voucher</button>
            <button type="button" className="primary" onClick={() => setSold(null)}>Sell another</button>
          </div>
        </>
      ) : (
        <form onSubmit={sell} className="mgr-form">
          <label className="field">
            <span>Voucher value ({currency})</span>
            <input value={amountText} onChange={(e) => setAmountText(e.target.value)} inputMode="decimal" aria-invalid={amount === null} />
          </label>
          <div className="method-tabs" role="radiogroup" aria-label="Voucher payment method">
            {(['cash', 'card'] as const).map((m) => (
              <button type="button" role="radio" key={m} aria-checked={method === m} className={method === m ? 'is-selected' : ''} onClick={() => setMethod(m)}>
                {m === 'cash' ? 'Cash' : 'Card'}
              </button>
            ))}
          </div>
          {method === 'cash' ? (
            <label className="field">
              <span>Cash tendered (empty = exact)</span>
              <input value={tenderedText} onChange={(e) => setTenderedText(e.target.value)} inputMode="decimal" placeholder={amount !== null ? decimalText(amount, currency) : ''} />
            </label>
          ) : (
            <label className="field">
              <span>Reference (terminal slip)</span>
              <input value={reference} onChange={(e) => setReference(e.target.value)} autoComplete="off" />
            </label>
          )}
          {method === 'cash' && noShift && <p className="warning">Open your cash shift (Shift, F4) before taking cash.</p>}
          <button type="submit" className="primary" disabled={busy || amount === null || amount <= 0 || (method === 'cash' && (tendered === null || tendered < (amount ?? 0)))}>
            {busy ? 'Selling…' : `Sell voucher ${amount !== null ? formatMoney(amount, currency) : ''}`}
          </button>
          {error && <p className="state state--error" role="alert">{error}</p>}
        </form>
      )}
    </section>
  );
}

function LookupVoucher() {
  const [code, setCode] = useState('');
  const lookup = useVoucherLookup();
  const { voucher, error } = lookup;
  const look = async (e: React.FormEvent) => {
    e.preventDefault();
    await lookup.look(code);
  };
  return (
    <section className="panel" aria-label="Gift voucher balance">
      <h2>Voucher balance</h2>
      <form onSubmit={look} className="mgr-row">
        <label className="field">
          <span>Voucher code</span>
          <input value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" />
        </label>
        <button type="submit" disabled={!code.trim()}>Look up</button>
      </form>
      {error && <p className="state state--error" role="alert">{error}</p>}
      {voucher && <VoucherCard voucher={voucher} />}
    </section>
  );
}

export function VouchersScreen() {
  return (
    <div className="vouchers-screen">
      <SellVoucher />
      <LookupVoucher />
    </div>
  );
}

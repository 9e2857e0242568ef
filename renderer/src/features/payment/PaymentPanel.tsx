// Taking the money: cash with a tendered keypad and quick notes (change shown), card/UPI/wallet
// with a reference, split payments. Confirm is only enabled when the payments match the total
// exactly, and is disabled while the sale is being confirmed (a double click cannot sell twice).
// Cash needs the cashier's open shift: without one the panel asks for the float first.
import { useEffect, useRef } from 'react';
import { PAYMENT_METHODS, type PaymentMethod } from '../../../../shared/contract';
import { decimalText, formatMoney } from '../../lib/format';
import { isTyping } from '../../lib/hooks';
import { Keypad } from '../../lib/Keypad';
import { customerError, paymentSummary, quickNotes, useSale } from '../../stores/sale';
import { currencyOf, useSession } from '../../stores/session';
import { useShift } from '../../stores/shift';
import { useConnection } from '../../stores/connection';
import { OpenShiftInline } from './OpenShiftInline';
import { PromoField } from './PromoField';
import { VoucherCheck } from './VoucherCheck';

const METHOD_LABEL: Record<PaymentMethod, string> = { cash: 'Cash', card: 'Card', upi: 'UPI', wallet: 'Wallet', voucher: 'Gift voucher' };
const KEYS = ['7', '8', '9', '4', '5', '6', '1', '2', '3', '0', '00', '.', '⌫', 'C'];

export function PaymentPanel() {
  const total = useSale((s) => s.quote?.total ?? 0);
  const payments = useSale((s) => s.payments);
  const entry = useSale((s) => s.entry);
  const busy = useSale((s) => s.busy);
  const currency = useSession(currencyOf);
  const setEntry = useSale((s) => s.setEntry);
  const addEntry = useSale((s) => s.addEntryAsPayment);
  const removePayment = useSale((s) => s.removePayment);
  const confirm = useSale((s) => s.confirm);
  const back = useSale((s) => s.backToSeats);
  const customer = useSale((s) => s.customer);
  const setCustomer = useSale((s) => s.setCustomer);
  const contactError = customerError(customer);
  // The field that has the focus: the amount, or the opening float while cash waits for a shift.
  const amountRef = useRef<HTMLInputElement>(null);
  const floatRef = useRef<HTMLInputElement>(null);

  const sum = paymentSummary(total, payments, entry, currency);
  const money = (n: number) => formatMoney(n, currency);
  const toText = (n: number) => decimalText(n, currency);
  const pending = busy === 'confirm';
  const isCash = entry.method === 'cash';
  const splitPossible = !!sum.entryPayment && !sum.entryError && sum.entryPayment.amount < sum.remaining;
  // Only once the shift is known to be missing: an unknown state must not block a sale (the
  // engine has the last word and answers SHIFT_REQUIRED, which reloads the shift).
  const noShift = useShift((s) => s.loaded && s.shift === null);
  const needsShift = noShift && (isCash || payments.some((p) => p.method === 'cash'));
  // While the server cannot be reached nothing is sold: the sale waits, typed payments stay.
  const offline = useConnection((s) => s.status === 'lost');
  const askFloat = needsShift && isCash;
  const reason = needsShift ? 'Open your cash shift to take cash.' : sum.reason;

  useEffect(() => {
    amountRef.current?.focus();
  }, [entry.method, askFloat]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && /^[1-5]$/.test(e.key)) {
        e.preventDefault();
        setEntry({ method: PAYMENT_METHODS[Number(e.key) - 1]!, text: '', reference: '' });
      } else if (e.key === 'F9' || (e.key === 'Enter' && e.ctrlKey)) {
        e.preventDefault();
        // While cash waits for a shift, the sale cannot be confirmed: go to the float instead.
        if (needsShift) (askFloat ? amountRef : floatRef).current?.focus();
        else void confirm();
      } else if (e.key === 'Escape' && !pending) {
        e.preventDefault();
        back();
      } else if (!isTyping(e) && /^[0-9.]$/.test(e.key)) {
        amountRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [confirm, back, setEntry, pending, needsShift, askFloat]);

  const press = (k: string) => {
    if (k === 'C') setEntry({ text: '' });
    else if (k === '⌫') setEntry({ text: entry.text.slice(0, -1) });
    else setEntry({ text: entry.text + k });
  };

  return (
    <section className="panel payment" aria-label="Payment">
      <div className="due">
        <div>
          <span className="muted">Total</span>
          <strong className="big" data-testid="pay-total">
            {money(total)}
          </strong>
        </div>
        <div>
          <span className="muted">Still due</span>
          <strong className="big" data-testid="pay-remaining">
            {money(sum.remaining)}
          </strong>
        </div>
      </div>

      <PromoField disabled={pending || payments.length > 0} />

      {payments.length > 0 && (
        <ul className="paid-list" aria-label="Payments taken">
          {payments.map((p, i) => (
            <li key={i}>
              <span>
                {METHOD_LABEL[p.method]} {money(p.amount)}
                {p.tendered !== undefined && p.tendered > p.amount ? ` (tendered ${money(p.tendered)})` : ''}
                {p.reference ? ` · ref ${p.reference}` : ''}
              </span>
              <button type="button" className="link" onClick={() => removePayment(i)} disabled={pending} aria-label={`Remove ${METHOD_LABEL[p.method]} payment of ${money(p.amount)}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}

      <div className="method-tabs" role="radiogroup" aria-label="Payment method">
        {PAYMENT_METHODS.map((m, i) => (
          <button
            type="button"
            role="radio"
            aria-checked={entry.method === m}
            key={m}
            className={entry.method === m ? 'is-selected' : ''}
            onClick={() => {
              setEntry({ method: m, text: '', reference: '' });
              // Same method again: the field stays, so focus it now (a new method's field is focused by the effect).
              amountRef.current?.focus();
            }}
            disabled={pending}
          >
            {METHOD_LABEL[m]} <kbd>Alt+{i + 1}</kbd>
          </button>
        ))}
      </div>

      {needsShift && <OpenShiftInline currency={currency} inputRef={askFloat ? amountRef : floatRef} />}

      {!askFloat && (
        <label className="field">
          <span>{isCash ? 'Cash tendered' : `${METHOD_LABEL[entry.method]} amount (empty = all due)`}</span>
          <input
            ref={amountRef}
            inputMode="decimal"
            autoComplete="off"
            value={entry.text}
            placeholder={isCash ? '0.00' : toText(sum.remaining)}
            onChange={(e) => setEntry({ text: e.target.value })}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.ctrlKey) {
                e.preventDefault();
                void confirm();
              }
            }}
            disabled={pending}
            aria-invalid={!!sum.entryError}
          />
        </label>
      )}
      {!askFloat && sum.entryError && (
        <p className="field-error" role="alert">
          {sum.entryError}
        </p>
      )}

      {askFloat ? null : isCash ? (
        <>
          <div className="quick-notes" aria-label="Quick amounts">
            {quickNotes(sum.remaining, currency).map((n, i) => (
              <button type="button" key={n} onClick={() => setEntry({ text: toText(n) })} disabled={pending || sum.remaining === 0}>
                {i === 0 ? `Exact ${money(n)}` : money(n)}
              </button>
            ))}
          </div>
          <Keypad keys={KEYS} label="Amount keypad" clearLabel="Clear amount" className="keypad--money" onKey={press} disabled={pending} />
          <div className="change" aria-live="polite">
            <span>Change due</span>
            <strong className="big" data-testid="change-due">
              {money(sum.change)}
            </strong>
          </div>
        </>
      ) : (
        <>
          <label className="field">
            <span>{entry.method === 'voucher' ? 'Gift voucher code' : 'Reference (terminal slip / transaction id)'}</span>
            <input value={entry.reference} onChange={(e) => setEntry({ reference: e.target.value })} disabled={pending} autoComplete="off" />
          </label>
          {entry.method === 'voucher' && <VoucherCheck code={entry.reference} />}
        </>
      )}

      <details className="customer-contact" open={!!(customer.email || customer.phone || customer.name)}>
        <summary>Receipt by email or SMS (optional)</summary>
        <p className="muted small">Sent in the background once the sale is confirmed; the sale never waits for it.</p>
        <div className="contact-fields">
          <label className="field">
            <span>Customer name</span>
            <input value={customer.name} onChange={(e) => setCustomer({ name: e.target.value })} disabled={pending} autoComplete="off" />
          </label>
          <label className="field">
            <span>Email</span>
            <input type="email" value={customer.email} onChange={(e) => setCustomer({ email: e.target.value })} disabled={pending} autoComplete="off" aria-invalid={!!contactError && !!customer.email} />
          </label>
          <label className="field">
            <span>Phone</span>
            <input type="tel" value={customer.phone} onChange={(e) => setCustomer({ phone: e.target.value })} disabled={pending} autoComplete="off" />
          </label>
        </div>
        {contactError && (
          <p className="field-error" role="alert">
            {contactError}
          </p>
        )}
      </details>

      <div className="actions">
        <button type="button" onClick={back} disabled={pending}>
          Back to seats <kbd>Esc</kbd>
        </button>
        <button type="button" onClick={() => addEntry()} disabled={pending || !splitPossible}>
          Add as part payment (split)
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => void confirm()}
          disabled={pending || !sum.canConfirm || !!contactError || needsShift || offline}
          aria-describedby="confirm-why"
        >
          {pending ? 'Confirming…' : `Confirm sale ${money(total)}`} <kbd>Enter</kbd>
        </button>
      </div>
      <p id="confirm-why" className="muted small">
        {pending ? 'Confirming the sale, please wait…' : (reason ?? 'Payments match the total.')}
      </p>
    </section>
  );
}

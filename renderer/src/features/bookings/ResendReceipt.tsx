// "Send the receipt again" from a booking: queues an email through the outbox (the engine sends
// it in the background), to the address on file or one typed at the counter.
import { useEffect, useState } from 'react';
import type { Booking } from '../../../../shared/contract';
import { call, messageOf } from '../../api';

export function ResendReceipt({ booking }: { booking: Booking }) {
  const [email, setEmail] = useState(booking.customer?.email ?? '');
  const [state, setState] = useState<{ kind: 'idle' | 'sending' | 'done' | 'error'; text?: string }>({ kind: 'idle' });

  useEffect(() => {
    setEmail(booking.customer?.email ?? '');
    setState({ kind: 'idle' });
  }, [booking.id, booking.customer?.email]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setState({ kind: 'sending' });
    try {
      const r = await call('bookings.resendReceipt', { bookingId: booking.id, ...(email.trim() ? { email: email.trim() } : {}) });
      setState({ kind: 'done', text: r.queued ? `Queued for ${email.trim()}: it is sent in the background.` : 'Nothing to send.' });
    } catch (err) {
      setState({ kind: 'error', text: messageOf(err) });
    }
  };

  return (
    <form className="resend-receipt" onSubmit={submit} aria-label="Send the receipt again">
      <label className="field">
        <span>Email the receipt to</span>
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required autoComplete="off" />
      </label>
      <button type="submit" disabled={state.kind === 'sending' || !email.trim()}>
        {state.kind === 'sending' ? 'Queuing…' : 'Send the receipt again'}
      </button>
      {state.kind === 'done' && (
        <p className="success" role="status">
          {state.text}
        </p>
      )}
      {state.kind === 'error' && (
        <p className="state state--error" role="alert">
          {state.text}
        </p>
      )}
    </form>
  );
}

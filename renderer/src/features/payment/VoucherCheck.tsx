// Beside a gift-voucher payment: the balance of the code typed as its reference, looked up on
// demand (vouchers.get), so the cashier can tell the customer what is left before confirming.
import { useState } from 'react';
import type { Voucher } from '../../../../shared/contract';
import { call, messageOf } from '../../api';
import { formatMoney } from '../../lib/format';

export function VoucherCheck({ code }: { code: string }) {
  const [voucher, setVoucher] = useState<Voucher | null>(null);
  const [error, setError] = useState<string | null>(null);
  const check = async () => {
    setError(null);
    setVoucher(null);
    try {
      setVoucher(await call('vouchers.get', { code }));
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <div className="voucher-check">
      <button type="button" onClick={() => void check()} disabled={!code.trim()}>Check balance</button>
      {voucher && (
        <span role="status" data-testid="voucher-balance">
          {' '}Balance {formatMoney(voucher.balance, voucher.currency)} ({voucher.status}, valid until {voucher.expiresAt.slice(0, 10)})
        </span>
      )}
      {error && <span className="field-error" role="alert"> {error}</span>}
    </div>
  );
}

// Beside a gift-voucher payment: the balance of the code typed as its reference, looked up on
// demand (vouchers.get), so the cashier can tell the customer what is left before confirming.
import { DEFAULT_TZ, formatInstantDate, formatMoney } from '../../lib/format';
import { useSession } from '../../stores/session';
import { useVoucherLookup } from '../vouchers/useVoucherLookup';

export function VoucherCheck({ code }: { code: string }) {
  const { voucher, error, look } = useVoucherLookup();
  const tz = useSession((s) => s.theater?.timezone) ?? DEFAULT_TZ;
  return (
    <div className="voucher-check">
      <button type="button" onClick={() => void look(code)} disabled={!code.trim()}>Check balance</button>
      {voucher && (
        <span role="status" data-testid="voucher-balance">
          {' '}Balance {formatMoney(voucher.balance, voucher.currency)} ({voucher.status}, valid until {formatInstantDate(voucher.expiresAt, tz)})
        </span>
      )}
      {error && <span className="field-error" role="alert"> {error}</span>}
    </div>
  );
}

// Looking a gift voucher up by its code (vouchers.get): the payment panel's balance check and the
// Gift vouchers screen share it.
import { useState } from 'react';
import type { Voucher } from '../../../../shared/contract';
import { call, messageOf } from '../../api';

export function useVoucherLookup(): { voucher: Voucher | null; error: string | null; look(code: string): Promise<void> } {
  const [voucher, setVoucher] = useState<Voucher | null>(null);
  const [error, setError] = useState<string | null>(null);
  const look = async (code: string) => {
    setError(null);
    setVoucher(null);
    try {
      setVoucher(await call('vouchers.get', { code }));
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return { voucher, error, look };
}

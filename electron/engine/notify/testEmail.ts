// "Send test email": proves the SMTP settings work, answering at once with the server's reason.
import { BoxOfficeError, type ParsedInput } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';
import { writeAudit } from '../audit/audit';
import { readNotifyConfig } from './config';
import { DeliveryError } from './ports';
import { createSmtpTransport } from './smtp';

export async function sendTestEmail(ctx: EngineCtx, input: ParsedInput<'notifications.test'>, actor: Actor): Promise<{ sent: boolean }> {
  const cfg = readNotifyConfig(ctx).smtp;
  if (!cfg) throw new BoxOfficeError('CONFLICT', 'Set up the SMTP server first');
  const mail = createSmtpTransport(cfg, { timeoutMs: 10_000 });
  try {
    await mail.send({
      to: input.to,
      from: cfg.from,
      subject: 'Box office test email',
      text: 'This is a test email from your box office. Email receipts will be sent from this address.',
      html: '<p>This is a test email from your box office. Email receipts will be sent from this address.</p>',
      messageId: `<test-${ctx.clock.now()}@boxoffice.local>`,
    });
  } catch (e) {
    throw new BoxOfficeError('DELIVERY_FAILED', `The mail server did not accept the test email: ${e instanceof DeliveryError ? e.message : 'unknown error'}`);
  } finally {
    mail.close?.();
  }
  writeAudit(ctx, actor, 'notifications.test', null, { to: input.to });
  return { sent: true };
}

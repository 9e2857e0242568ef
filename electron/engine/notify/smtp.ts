// SMTP delivery with nodemailer. A 5xx answer from the server is permanent (the address or the
// message is refused); connection failures and 4xx answers are worth retrying.
import nodemailer from 'nodemailer';
import { DeliveryError, type MailMessage, type MailTransport } from './ports';

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  password: string | null;
  from: string;
}

export function createSmtpTransport(cfg: SmtpConfig, opts: { timeoutMs?: number; allowSelfSigned?: boolean } = {}): MailTransport {
  const timeout = opts.timeoutMs ?? 15_000;
  const transporter = nodemailer.createTransport({
    host: cfg.host,
    port: cfg.port,
    secure: cfg.secure,
    auth: cfg.user ? { user: cfg.user, pass: cfg.password ?? '' } : undefined,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    tls: opts.allowSelfSigned ? { rejectUnauthorized: false } : undefined,
  });
  return {
    async send(msg: MailMessage) {
      try {
        await transporter.sendMail({
          from: msg.from,
          to: msg.to,
          subject: msg.subject,
          text: msg.text,
          html: msg.html,
          messageId: msg.messageId,
          attachments: msg.attachments,
        });
      } catch (e) {
        const err = e as { responseCode?: number; message?: string; code?: string };
        const permanent = typeof err.responseCode === 'number' && err.responseCode >= 500;
        throw new DeliveryError(`${err.code ?? 'SMTP'} ${err.responseCode ?? ''} ${err.message ?? String(e)}`.trim(), permanent);
      }
    },
    close() {
      transporter.close();
    },
  };
}

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

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);
}

export function createSmtpTransport(cfg: SmtpConfig, opts: { timeoutMs?: number; allowSelfSigned?: boolean } = {}): MailTransport {
  const timeout = opts.timeoutMs ?? 15_000;
  const transporter = nodemailer.createTransport({
    host: cfg.host,
    port: cfg.port,
    secure: cfg.secure,
    auth: cfg.user ? { user: cfg.user, pass: cfg.password ?? '' } : undefined,
    // Credentials never cross the network in clear: without implicit TLS, insist on STARTTLS
    // (a loopback relay on the same machine is the one exception).
    requireTLS: !!cfg.user && !cfg.secure && !isLoopback(cfg.host),
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

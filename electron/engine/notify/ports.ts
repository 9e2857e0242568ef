// The delivery ports: a mail transport (SMTP in production, any fake in a unit test) and an SMS
// gateway. Both throw DeliveryError; `permanent` says whether retrying could ever help.
export interface MailMessage {
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per outbox row, so a receiver can drop a duplicate after a crash between send and mark. */
  messageId: string;
  attachments?: { filename: string; content: Buffer; cid: string; contentType: string }[];
}

export interface MailTransport {
  send(msg: MailMessage): Promise<void>;
  close?(): void;
}

export interface SmsGateway {
  send(to: string, text: string, idempotencyKey: string): Promise<void>;
}

export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

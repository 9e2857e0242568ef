// Notification settings (SMTP server, SMS gateway). Secrets stay in the database and in memory:
// they never appear in a response, an audit entry or a log line.
import type { NotifyConfig, ParsedInput } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';
import { readKv, writeKv } from '../db/kv';
import { writeAudit } from '../audit/audit';
import type { SmtpConfig } from './smtp';

export interface StoredNotifyConfig {
  smtp: SmtpConfig | null;
  sms: { url: string; token: string | null } | null;
}

export function readNotifyConfig(ctx: Pick<EngineCtx, 'db'>): StoredNotifyConfig {
  return readKv<StoredNotifyConfig>(ctx.db, 'notify') ?? { smtp: null, sms: null };
}

/** A gateway URL as shown to people: no user:password@ and no query values (API keys hide there). */
export function redactUrl(raw: string): string {
  try {
    const u = new URL(raw);
    if (u.username || u.password) {
      u.username = '***';
      u.password = '';
    }
    for (const k of [...u.searchParams.keys()]) u.searchParams.set(k, '***');
    return u.toString();
  } catch {
    return '***';
  }
}

export function publicConfig(c: StoredNotifyConfig): NotifyConfig {
  return {
    smtp: c.smtp
      ? { host: c.smtp.host, port: c.smtp.port, secure: c.smtp.secure, user: c.smtp.user, from: c.smtp.from, passwordSet: !!c.smtp.password }
      : null,
    sms: c.sms ? { url: redactUrl(c.sms.url), tokenSet: !!c.sms.token } : null,
  };
}

export function getNotifyConfig(ctx: EngineCtx): NotifyConfig {
  return publicConfig(readNotifyConfig(ctx));
}

export function saveNotifyConfig(ctx: EngineCtx, input: ParsedInput<'notifications.saveConfig'>, actor: Actor): NotifyConfig {
  const current = readNotifyConfig(ctx);
  const next: StoredNotifyConfig = { ...current };
  if (input.smtp === null) next.smtp = null;
  else if (input.smtp) {
    const keep = input.smtp.password === undefined ? (current.smtp?.password ?? null) : input.smtp.password || null;
    next.smtp = {
      host: input.smtp.host,
      port: input.smtp.port,
      secure: input.smtp.secure,
      user: input.smtp.user?.trim() || null,
      password: keep,
      from: input.smtp.from,
    };
  }
  if (input.sms === null) next.sms = null;
  else if (input.sms) {
    next.sms = { url: input.sms.url, token: input.sms.token === undefined ? (current.sms?.token ?? null) : input.sms.token || null };
  }
  ctx.db.transaction(() => {
    writeKv(ctx.db, 'notify', next);
    writeAudit(ctx, actor, 'notifications.saveConfig', null, publicConfig(next));
  })();
  return publicConfig(next);
}

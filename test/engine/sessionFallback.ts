// The auth code is written in parallel with these tests. Until its resolveSession exists (it
// answers NOT_SUPPORTED), the router resolves fixture tokens straight from the sessions table, so
// these tests exercise the router's real role checks either way. Once auth lands, the real
// resolveSession is used and this fallback is never reached.
import type { Actor, EngineCtx } from '../../electron/engine/context';

type AuthModule = typeof import('../../electron/engine/staff/auth');

export function withSessionFallback(real: AuthModule): AuthModule {
  return {
    ...real,
    resolveSession(ctx: EngineCtx, token: string): Actor | null {
      try {
        return real.resolveSession(ctx, token);
      } catch (e) {
        if ((e as { code?: string }).code !== 'NOT_SUPPORTED') throw e;
        const row = ctx.db
          .prepare('SELECT s.id, s.name, s.role FROM sessions x JOIN staff s ON s.id = x.staff_id WHERE x.token = ? AND s.active = 1')
          .get(token) as { id: string; name: string; role: Actor['role'] } | undefined;
        return row ? { staffId: row.id, name: row.name, role: row.role, session: token } : null;
      }
    },
  };
}

// The loading, error and empty states every screen shows (cashier and manager alike), written
// once so each says "Loading…", an error and "nothing here" the same way, to sight and to a reader.
import type { ReactNode } from 'react';
import { ApiError, messageOf } from '../api';

/** Details of a VALIDATION error as "path: message" lines. */
export function issuesOf(e: unknown): string[] {
  if (!(e instanceof ApiError) || e.code !== 'VALIDATION' || !Array.isArray(e.details)) return [];
  return (e.details as { path?: unknown; message?: unknown }[])
    .map((i) => {
      const path = Array.isArray(i.path) ? i.path.join('.') : typeof i.path === 'string' ? i.path : '';
      return `${path ? `${path}: ` : ''}${String(i.message ?? '')}`;
    })
    .slice(0, 8);
}

/** A call's error (an ApiError, an Error or a message) with its validation issues; children add a way out (Retry). */
export function ErrorNote({ error, children, className }: { error: unknown; children?: ReactNode; className?: string }) {
  if (!error) return null;
  const issues = issuesOf(error);
  return (
    <div className={className ? `notice notice--error ${className}` : 'notice notice--error'} role="alert">
      <div>
        <p>{messageOf(error)}</p>
        {issues.length > 0 && (
          <ul className="small">
            {issues.map((i) => (
              <li key={i}>{i}</li>
            ))}
          </ul>
        )}
        {children}
      </div>
    </div>
  );
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p className="state state--loading" role="status" aria-busy="true">
      {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state state--empty">{children}</p>;
}

// A day lane per hall (or per hall and day): each show drawn as its whole block, with trailers,
// the movie and cleaning as distinct segments, positioned by time within the lane.
import type { Block } from './schedule';
import { fraction } from './schedule';

export interface Lane { key: string; label: string; hallId: string; from: number; to: number }
export interface TimelineItem {
  id: string;
  hallId: string;
  title: string;
  label: string;
  block: Block;
  cancelled?: boolean;
  draft?: boolean;
  conflict?: boolean;
  selected?: boolean;
}

function clip(a: number, b: number, from: number, to: number): number {
  return Math.max(0, Math.min(b, to) - Math.max(a, from));
}

export function Timeline({ lanes, items, onSelect, hourLabels }: { lanes: Lane[]; items: TimelineItem[]; onSelect?(id: string): void; hourLabels?: string[] }) {
  return (
    <div className="mgr-timeline" aria-label="Schedule timeline">
      {hourLabels && (
        <div className="mgr-hours" aria-hidden="true">
          {hourLabels.map((h, i) => (
            <span key={i} style={{ left: `${(i / hourLabels.length) * 100}%` }}>{h}</span>
          ))}
        </div>
      )}
      {lanes.map((lane) => {
        const inLane = items.filter((it) => it.hallId === lane.hallId && it.block.start < lane.to && it.block.end > lane.from);
        return (
          <div className="mgr-lane" key={lane.key} role="group" aria-label={lane.label} data-lane={lane.key}>
            <div className="mgr-lane-label">{lane.label}</div>
            <div className="mgr-lane-track">
              {inLane.map((it) => {
                const { start, trailersEnd, movieEnd, end } = it.block;
                const left = fraction(Math.max(start, lane.from), lane.from, lane.to);
                const right = fraction(Math.min(end, lane.to), lane.from, lane.to);
                const total = clip(start, end, lane.from, lane.to) || 1;
                const segs: [string, number, string][] = [
                  ['trailers', clip(start, trailersEnd, lane.from, lane.to), 'Trailers'],
                  ['movie', clip(trailersEnd, movieEnd, lane.from, lane.to), it.title],
                  ['cleaning', clip(movieEnd, end, lane.from, lane.to), 'Cleaning'],
                ];
                const cls = ['mgr-block', it.cancelled && 'is-cancelled', it.draft && 'is-draft', it.conflict && 'is-conflict', it.selected && 'is-selected'].filter(Boolean).join(' ');
                return (
                  <button
                    type="button"
                    key={`${it.id}-${lane.key}`}
                    className={cls}
                    data-show-id={it.id}
                    aria-label={it.label}
                    aria-pressed={!!it.selected}
                    title={it.label}
                    disabled={it.draft}
                    style={{ left: `${left * 100}%`, width: `${Math.max(0.2, (right - left) * 100)}%` }}
                    onClick={() => onSelect?.(it.id)}
                  >
                    {segs.map(([kind, ms, text]) =>
                      ms > 0 ? (
                        <span key={kind} className={`mgr-seg mgr-seg--${kind}`} data-seg={kind} data-minutes={Math.round(ms / 60_000)} style={{ width: `${(ms / total) * 100}%` }}>
                          {kind === 'movie' ? text : ''}
                        </span>
                      ) : null,
                    )}
                  </button>
                );
              })}
            </div>
          </div>
        );
      })}
    </div>
  );
}

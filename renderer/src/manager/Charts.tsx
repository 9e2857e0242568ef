// Inline SVG charts (no chart library): horizontal bars and a day x hour heat map.

export function BarChart({ data, format, label }: { data: { label: string; value: number }[]; format(v: number): string; label: string }) {
  const max = Math.max(1, ...data.map((d) => Math.abs(d.value)));
  const rowH = 22;
  const labelW = 180;
  const barW = 320;
  const h = data.length * rowH + 4;
  return (
    <svg className="mgr-chart" role="img" aria-label={label} width={labelW + barW + 110} height={h} viewBox={`0 0 ${labelW + barW + 110} ${h}`}>
      {data.map((d, i) => {
        const w = (Math.abs(d.value) / max) * barW;
        return (
          <g key={i} transform={`translate(0 ${i * rowH + 2})`}>
            <text x={labelW - 6} y={14} textAnchor="end">{d.label.length > 26 ? `${d.label.slice(0, 25)}…` : d.label}</text>
            <rect className={d.value < 0 ? 'bar bar--neg' : 'bar'} x={labelW} y={3} width={w} height={rowH - 6} rx={3} />
            <text x={labelW + w + 6} y={14}>{format(d.value)}</text>
          </g>
        );
      })}
    </svg>
  );
}

/** Cells of rows x columns coloured by value in [0, 1]; null cells are left empty. */
export function HeatMap({ rows, cols, value, label }: { rows: string[]; cols: string[]; value(r: number, c: number): number | null; label: string }) {
  const cw = 34;
  const ch = 22;
  const lw = 110;
  const w = lw + cols.length * cw;
  const h = 18 + rows.length * ch;
  return (
    <svg className="mgr-chart" role="img" aria-label={label} width={w} height={h} viewBox={`0 0 ${w} ${h}`}>
      {cols.map((c, j) => (
        <text key={c} x={lw + j * cw + cw / 2} y={12} textAnchor="middle">{c}</text>
      ))}
      {rows.map((r, i) => (
        <g key={r} transform={`translate(0 ${18 + i * ch})`}>
          <text x={lw - 6} y={15} textAnchor="end">{r}</text>
          {cols.map((c, j) => {
            const v = value(i, j);
            return (
              <rect key={c} x={lw + j * cw + 1} y={1} width={cw - 2} height={ch - 2} rx={3}
                fill={v === null ? '#20242d' : `hsl(${140 - 140 * Math.min(1, v)}, 70%, ${22 + 30 * Math.min(1, v)}%)`}>
                <title>{`${r} ${c}: ${v === null ? 'no shows' : `${Math.round(v * 100)} %`}`}</title>
              </rect>
            );
          })}
        </g>
      ))}
    </svg>
  );
}

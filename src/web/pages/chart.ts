/** Completeness and timeliness over periods as a small inline SVG bar chart (no chart library, no script). */
import { html, type Html } from '../html.js';

export interface ChartPoint {
  label: string;
  completeness: number | null;
  timeliness: number | null;
}

export function completenessChart(points: ChartPoint[]): Html {
  const w = 64;
  const h = 120;
  const left = 36;
  const width = Math.max(left + points.length * w + 10, 200);
  const y = (v: number) => 10 + h - v * h;
  const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v * 100)}%`);
  return html`<svg role="img" aria-label="Tỷ lệ báo cáo đầy đủ và đúng hạn theo kỳ" width="${width}" height="${h + 50}" viewBox="0 0 ${width} ${h + 50}" class="chart">
    ${[0, 0.5, 1].map((v) => html`<line x1="${left}" x2="${width}" y1="${y(v)}" y2="${y(v)}" stroke="#d8dde6" /><text x="${left - 4}" y="${y(v) + 4}" text-anchor="end" fill="#5b6573">${v * 100}%</text>`)}
    ${points.map((p, i) => {
      const x = left + i * w + 8;
      const c = p.completeness ?? 0;
      const t = p.timeliness ?? 0;
      return html`<g
        ><title>${p.label}: đầy đủ ${pct(p.completeness)}, đúng hạn ${pct(p.timeliness)}</title>
        <rect x="${x}" y="${y(c)}" width="22" height="${c * h}" fill="#8b1a1a" />
        <rect x="${x + 24}" y="${y(t)}" width="22" height="${t * h}" fill="#2e7d32" />
        <text x="${x + 23}" y="${h + 26}" text-anchor="middle">${p.label}</text>
        <text x="${x + 11}" y="${y(c) - 3}" text-anchor="middle" fill="#8b1a1a">${pct(p.completeness)}</text></g
      >`;
    })}
    <rect x="${left}" y="${h + 36}" width="10" height="10" fill="#8b1a1a" />
    <text x="${left + 14}" y="${h + 45}">đầy đủ</text>
    <rect x="${left + 70}" y="${h + 36}" width="10" height="10" fill="#2e7d32" />
    <text x="${left + 84}" y="${h + 45}">đúng hạn</text>
  </svg>`;
}

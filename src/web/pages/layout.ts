/**
 * The page shell: plain HTML with one small stylesheet served by dondoc itself, no script, no external
 * font or CDN, so it renders the same on an offline government desktop and under a CSP that allows
 * nothing inline (style-src 'self', no script at all).
 */
import { createHash } from 'node:crypto';
import { html, type Html } from '../html.js';

const CSS = `
*{box-sizing:border-box}
body{font-family:"Segoe UI",Arial,"Liberation Sans","DejaVu Sans",sans-serif;font-size:15px;color:#1c2430;margin:0;background:#f4f6f9}
header{background:#8b1a1a;color:#fff;padding:.6rem 1.5rem;display:flex;gap:1.5rem;align-items:center}
header a{color:#fff}
header .brand{font-weight:700;font-size:1.1rem;text-decoration:none}
header nav{margin-left:auto;display:flex;gap:1rem;align-items:center}
header form{margin:0}
main{max-width:80rem;margin:1.2rem auto;padding:0 1.5rem}
h1{font-size:1.35rem;margin:.4rem 0 1rem}
h2{font-size:1.1rem;margin:1.5rem 0 .6rem}
section.card{background:#fff;border:1px solid #d8dde6;border-radius:6px;padding:1rem 1.2rem;margin:0 0 1rem}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #d8dde6;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#eef1f5;font-weight:600}
td.num{text-align:right}
.cell{display:block;border-radius:4px;padding:.15rem .35rem;font-size:.85rem;text-decoration:none;color:#1c2430}
.cell.ontime{background:#d5f0d9}.cell.late{background:#fbe7b5}.cell.exempted{background:#e3e6eb}
.cell.overdue{background:#f6c9c6;font-weight:600}.cell.due-soon{background:#fff4cc}.cell.pending{background:#f7f8fa}
.muted{color:#5b6573}.small{font-size:.85rem}
.note{background:#fff8e1;border-left:4px solid #e0a800;padding:.5rem .8rem;margin:.5rem 0}
.ok{background:#e6f5e9;border-left:4px solid #2e7d32;padding:.5rem .8rem;margin:.5rem 0}
.error{color:#b00020;font-size:.9rem;margin:.2rem 0}
.errors{background:#fdecea;border-left:4px solid #b00020;padding:.5rem .8rem;margin:.5rem 0}
label{display:block;font-weight:600;margin:.6rem 0 .2rem}
input[type=text],input[type=number],input[type=date],input[type=email],input[type=password],select,textarea{font:inherit;padding:.3rem .4rem;border:1px solid #aab3c0;border-radius:4px;width:100%}
input.invalid,select.invalid,textarea.invalid{border-color:#b00020;background:#fff5f5}
textarea{min-height:5rem}
button{font:inherit;padding:.35rem .9rem;border-radius:4px;border:1px solid #8b1a1a;background:#8b1a1a;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#8b1a1a}
.row{display:flex;gap:1rem;flex-wrap:wrap}.row>*{flex:1;min-width:12rem}
.task{border-top:1px solid #e3e6eb;padding:.6rem 0}
.inline{display:inline}
.inline-block{display:inline-block}
label.plain{font-weight:400}
.narrow{max-width:26rem}
input.date{max-width:12rem}
svg.chart{font-family:inherit;font-size:11px}
header .user{color:#f3d7d7}
pre.mail{white-space:pre-wrap}
a.button,summary.button{display:inline-block;font:inherit;padding:.35rem .9rem;border-radius:4px;border:1px solid #8b1a1a;background:#8b1a1a;color:#fff;text-decoration:none;cursor:pointer}
summary.button.secondary{background:#fff;color:#8b1a1a}
details.confirm>summary{list-style:none}
details.confirm[open]{border:1px solid #e0a800;background:#fff8e1;border-radius:6px;padding:.5rem .8rem;margin:.5rem 0}
section.confirm{border:2px solid #e0a800}
ul.plain{margin:0;padding-left:1.1rem}
.copy-row{display:flex;gap:.5rem}.copy-row input{flex:1}
ins{background:#d5f0d9;text-decoration:none}del{background:#f6c9c6}
.diff{border-left:4px solid #aab3c0;padding:.2rem .8rem;margin:.4rem 0}
.delivery{display:inline-block;border-radius:4px;padding:.1rem .35rem;font-size:.85rem}
.delivery.ok{background:#d5f0d9}.delivery.pending{background:#fff4cc}.delivery.bad{background:#f6c9c6;font-weight:600}.delivery.unknown{background:#e3e6eb}
span.state{display:inline-block;border-radius:4px;padding:.1rem .4rem;background:#f7f8fa}
span.state.overdue{background:#f6c9c6;font-weight:600}span.state.awaiting-approval{background:#fff4cc}span.state.ended{background:#e3e6eb;color:#5b6573}
span.state.collecting{background:#e6f0fb}span.state.sent,span.state.waiting{background:#d5f0d9}
form.inline-form{display:flex;gap:.4rem;margin:0}
table.plans td.live,table.plans td.deadline,table.plans td.state{min-width:9.5rem}
.tag{display:inline-block;font-size:.75rem;padding:0 .3rem;border-radius:3px;background:#e3e6eb;color:#5b6573}
tr.succeeded td{background:#f7f8fa;color:#5b6573}
.split{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1rem;align-items:start}
.source-panel{position:sticky;top:.5rem;max-height:96vh;overflow:auto}
ol.source{font-size:.8rem;line-height:1.35;padding-left:2.6rem;margin:0}
ol.source li{white-space:pre-wrap}
mark{background:#ffe08a;padding:0 .1rem}
ol.source li.cited{background:#fff6d6}
ol.source :target{outline:2px solid #8b1a1a}
fieldset{background:#fff;border:1px solid #d8dde6;border-radius:6px;margin:0 0 1rem;padding:.6rem 1rem}
legend{font-weight:700;padding:0 .3rem}
.review-row{border-top:1px solid #eef1f5;padding:.4rem 0}
.review-row .row-title{font-weight:600}
.review-row .row{gap:.6rem}.review-row .field{min-width:8rem}
.review-row label{font-weight:400;font-size:.85rem;margin:.3rem 0 .1rem}
.match{color:#2e7d32}
table.diff del{background:#fde2e1;text-decoration:line-through}
table.diff ins{background:#dff3e2;text-decoration:none}
`;

/** The stylesheet's URL carries its hash: a changed stylesheet is never served stale from a cache. */
export const STYLESHEET = { path: '/assets/dondoc.css', version: createHash('sha256').update(CSS).digest('hex').slice(0, 12), body: CSS };

export interface LayoutOptions {
  title: string;
  /** Staff pages show the navigation and the logout button; the portal shows neither. */
  staff?: { user: string; csrf: Html; temporalUiUrl?: string; mail: boolean; admin?: boolean };
}

export function layout(opts: LayoutOptions, body: Html): string {
  const nav = opts.staff
    ? html`<nav>
        <a href="/">Kế hoạch</a><a href="/register">Đăng ký kế hoạch</a
        ><a href="/directory">Danh bạ cơ quan</a
        >${opts.staff.admin ? html`<a href="/staff/accounts">Tài khoản</a>` : ''}${opts.staff.mail ? html`<a href="/mail">Hộp thư thử nghiệm</a>` : ''}${
          opts.staff.temporalUiUrl ? html`<a href="${opts.staff.temporalUiUrl}">Temporal Web UI</a>` : ''
        }<span class="user">${opts.staff.user}</span>
        <form method="post" action="/logout">${opts.staff.csrf}<button class="secondary" type="submit">Đăng xuất</button></form>
      </nav>`
    : '';
  return html`<!doctype html>
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>${opts.title} – Đôn đốc báo cáo</title>
        <link rel="stylesheet" href="${STYLESHEET.path}?v=${STYLESHEET.version}" />
      </head>
      <body>
        <header><a class="brand" href="${opts.staff ? '/' : '#'}">Đôn đốc báo cáo</a>${nav}</header>
        <main>
          <h1>${opts.title}</h1>
          ${body}
        </main>
      </body>
    </html>`.value;
}

export function messagePage(title: string, message: string): string {
  return layout({ title }, html`<section class="card"><p>${message}</p></section>`);
}

import { raw } from 'hono/html';
import type { Child, FC } from 'hono/jsx';

export type Section =
  | 'accounts'
  | 'plans'
  | 'revenue'
  | 'invoices'
  | 'features'
  | 'keys'
  | 'schemas'
  | 'meters'
  | 'usage'
  | 'events'
  | 'alerts'
  | 'incidents'
  | 'webhooks'
  | 'sign-in';

/** A message at the top of a page: a refusal explained, or a change confirmed. */
export interface Notice {
  kind: 'error' | 'success';
  title: string;
  fields?: string[];
}

/** The chart's series colours; the table's swatches use them by class (no inline style: CSP). */
export const CHART_COLORS = ['#0b5cad', '#d93025', '#1e8e3e', '#f29900', '#7b3fb5', '#00838f', '#c2185b', '#5d4037'];

const sections: { id: Section; href: string; label: string }[] = [
  { id: 'accounts', href: '/console/accounts', label: 'Accounts' },
  { id: 'plans', href: '/console/plans', label: 'Price plans' },
  { id: 'revenue', href: '/console/revenue', label: 'Revenue' },
  { id: 'invoices', href: '/console/invoices', label: 'Invoices' },
  { id: 'features', href: '/console/features', label: 'Features' },
  { id: 'keys', href: '/console/keys', label: 'API keys' },
  { id: 'usage', href: '/console/usage', label: 'Usage' },
  { id: 'events', href: '/console/events', label: 'Events' },
  { id: 'alerts', href: '/console/alerts', label: 'Alerts' },
  { id: 'incidents', href: '/console/incidents', label: 'Incidents' },
  { id: 'webhooks', href: '/console/webhooks', label: 'Webhooks' },
  { id: 'schemas', href: '/console/schemas', label: 'Event schemas' },
  { id: 'meters', href: '/console/meters', label: 'Usage meters' },
];

/**
 * Every console page: a skip link, the side menu (a nav landmark, the current page marked for
 * screen readers), one main landmark with the page's h1, and notices in a live region.
 */
export const Layout: FC<{
  title: string;
  section: Section;
  notice?: Notice | undefined;
  tenant?: string;
  children?: Child;
}> = ({ title, section, notice, tenant, children }) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${title} — Meterline`}</title>
      <style>{raw(styles)}</style>
    </head>
    <body>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <div class="shell">
        {section !== 'sign-in' && (
          <nav aria-label="Console">
            <p class="brand">Meterline</p>
            <ul>
              {sections.map((s) => (
                <li>
                  <a href={s.href} aria-current={s.id === section ? 'page' : undefined}>
                    {s.label}
                  </a>
                </li>
              ))}
            </ul>
            <form method="post" action="/console/sign-out">
              <p class="tenant">Tenant: {tenant}</p>
              <button type="submit" class="link">
                Sign out
              </button>
            </form>
          </nav>
        )}
        <main id="main" tabindex={-1}>
          <h1>{title}</h1>
          <div aria-live="polite">{notice && <NoticeBox notice={notice} />}</div>
          {children}
        </main>
      </div>
    </body>
  </html>
);

/** A list screen: the "+ New" link, then the table — or a sentence when there is nothing yet. */
export const ListScreen: FC<{
  newHref: string;
  newLabel: string;
  empty: string;
  caption: string;
  headings: string[];
  /** Headings of right-aligned, numeric columns. */
  numeric?: string[];
  children?: Child;
  count: number;
}> = ({ newHref, newLabel, empty, caption, headings, numeric = [], children, count }) => (
  <>
    <p class="actions">
      <a href={newHref}>{newLabel}</a>
    </p>
    {count === 0 ? (
      <p>{empty}</p>
    ) : (
      <div class="scroll">
        <table>
          <caption class="hint">{caption}</caption>
          <thead>
            <tr>
              {headings.map((h) => (
                <th scope="col" class={numeric.includes(h) ? 'num' : undefined}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </div>
    )}
  </>
);

const NoticeBox: FC<{ notice: Notice }> = ({ notice }) => (
  <div class={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
    <p>{notice.title}</p>
    {notice.fields && notice.fields.length > 0 && (
      <ul>
        {notice.fields.map((f) => (
          <li>{f}</li>
        ))}
      </ul>
    )}
  </div>
);

export const styles = `${CHART_COLORS.map((color, i) => `.swatch-${i}{color:${color}}`).join('')}

*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1c2430;background:#f6f7f9}
a{color:#0b5cad}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,main:focus-visible{outline:3px solid #f0a000;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem}
.skip:focus{left:.5rem}
.shell{display:flex;min-height:100vh;flex-wrap:wrap}
nav{background:#1c2430;color:#fff;padding:1rem;width:14rem;flex:0 0 auto}
nav a{color:#dfe7f1;text-decoration:none;display:block;padding:.35rem .5rem;border-radius:4px}
nav a[aria-current=page]{background:#33435a;color:#fff;font-weight:600}
nav ul{list-style:none;margin:0 0 1rem;padding:0}
.brand{font-weight:700;font-size:1.1rem;margin:0 0 1rem}
.tenant{font-size:.85rem;color:#aab7c7;margin:0}
main{flex:1 1 32rem;padding:1.5rem;min-width:0;overflow-wrap:break-word}
h1{margin-top:0;font-size:1.5rem}
h2{font-size:1.15rem;margin-top:1.5rem}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #e2e6ec;vertical-align:top}
th{font-weight:600;background:#eef1f5}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.scroll{overflow-x:auto}
form.stack{display:grid;gap:.75rem;max-width:48rem}
fieldset{border:1px solid #d5dbe3;border-radius:6px;padding:.75rem;background:#fff}
legend{font-weight:600}
label{display:block;font-weight:500}
label.inline{display:inline}
input,select,textarea{font:inherit;padding:.35rem .5rem;border:1px solid #9aa6b5;border-radius:4px;max-width:100%}
.row{display:flex;gap:.5rem;flex-wrap:wrap;align-items:end;margin-bottom:.5rem}
.row label{font-weight:400;font-size:.9rem}
.filters{display:flex;gap:.75rem;flex-wrap:wrap;align-items:end;margin-bottom:1rem}
button{font:inherit;padding:.4rem .9rem;border-radius:4px;border:1px solid #0b5cad;background:#0b5cad;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#0b5cad}
button.link{background:none;border:none;color:#dfe7f1;padding:0;text-decoration:underline}
.actions{display:flex;gap:.5rem;flex-wrap:wrap;margin:1rem 0}
.notice{border-radius:6px;padding:.6rem .9rem;margin-bottom:1rem}
.notice p{margin:0;font-weight:600}
.notice.error{background:#fdecea;border:1px solid #d93025}
.notice.success{background:#e6f4ea;border:1px solid #1e8e3e}
.status{display:inline-block;padding:0 .45rem;border-radius:999px;font-size:.8rem;font-weight:600;background:#e2e6ec}
.status.ACTIVE,.status.FINAL,.status.INGESTION_COMPLETED_EVENT_METERED{background:#d2f0dc}
.status.DRAFT{background:#fff3c4}
.status.INACTIVE,.status.ARCHIVED{background:#e2e6ec}
.status.INGESTION_FAILED,.status.INGESTION_FAILED_ENRICHMENT_FAILED,.status.INGESTION_FAILED_SCHEMA_NOT_DEFINED{background:#fbd3d0}
.status.TRIGGERED,.status.DEAD,.status.REVERTED{background:#fbd3d0}
.status.PENDING,.status.ACKNOWLEDGED{background:#fff3c4}
.status.DELIVERED,.status.RESOLVED{background:#d2f0dc}
input.secret{font-family:ui-monospace,monospace;width:100%}
.panel{display:flex;gap:1.5rem;flex-wrap:wrap}
.panel figure{margin:0;flex:2 1 26rem;background:#fff;padding:.75rem;border:1px solid #e2e6ec;border-radius:6px}
.panel .table{flex:1 1 16rem}
svg text{font:12px system-ui,sans-serif;fill:#444}
dl.facts,dl.totals{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.25rem 1rem;margin:0 0 1rem}
dl.facts dt,dl.totals dt{font-weight:600}
dl.facts dd,dl.totals dd{margin:0;overflow-wrap:anywhere}
dl.totals dd{font-size:1.2rem;font-weight:700;font-variant-numeric:tabular-nums}
table.slabs{margin-bottom:1rem}
caption{text-align:left}
caption:not(.hint){font-weight:600;padding:.4rem 0}
figcaption{font-weight:600;margin-bottom:.25rem}
h3{font-size:1rem;margin:1.25rem 0 .25rem}
td .status{white-space:nowrap}
.panel+.panel,.panel+.scroll,main .scroll+.scroll{margin-top:1rem}
pre{background:#fff;border:1px solid #e2e6ec;padding:.75rem;overflow-x:auto}
.hint{color:#56606d;font-size:.9rem}
.row>div{min-width:0;max-width:100%}
@media (max-width:40rem){.shell{display:block}nav{width:100%}nav ul{display:flex;flex-wrap:wrap;gap:.25rem;margin-bottom:.5rem}main{padding:1rem}input,select,textarea{width:100%}input[type=checkbox]{width:auto}.row>div,.filters>div{flex:1 1 100%}}
`;

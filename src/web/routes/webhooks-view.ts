// The webhooks section of the channels page: each webhook's state and its recent deliveries (the delivery log).
import type { Store } from '../../store/store.js';
import { html, join, time, type Html } from '../html.js';
import { postPath } from '../post-view.js';

/** Recent deliveries shown per webhook. */
const RECENT = 10;

/** Only the scheme and host of a webhook's URL are shown: its path often carries a token (Slack, n8n). */
function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid URL)';
  }
}

export async function webhooksSection(store: Store): Promise<Html> {
  const hooks = store.webhooks();
  const list = await hooks.list();
  if (list.length === 0)
    return html`<p class="muted">No webhooks (<code>tgwire webhooks add URL</code>).</p>`;
  const parts: Html[] = [];
  for (const w of list) {
    const [recent, counts] = await Promise.all([hooks.deliveries(w.id, RECENT), hooks.counts(w.id)]);
    const state = w.disabledAt
      ? html`<span class="error">disabled ${time(w.disabledAt)}: ${w.disabledReason ?? ''}</span>`
      : html`enabled`;
    const rows = join(
      recent.map(
        (d) =>
          html`<tr>
            <td>${d.type}</td>
            <td><a href="${postPath({ channel: d.channel, id: d.postId })}">${d.channel}/${d.postId}</a></td>
            <td>${d.status === 'failed' ? html`<span class="error">failed</span>` : d.status}</td>
            <td>${d.attempts}</td>
            <td>
              ${d.lastError ? html`<span class="error">${d.lastError}</span>` : html`<span class="muted">none</span>`}
            </td>
            <td>
              ${d.status === 'pending' ? time(new Date(d.nextAttemptMs).toISOString()) : html`<span class="muted">—</span>`}
            </td>
          </tr>`,
      ),
    );
    parts.push(
      html`<section class="webhook" data-webhook="${w.id}">
        <h3>Webhook ${w.id} → ${origin(w.url)}</h3>
        <p>
          ${state}; events ${w.events.join(', ')}; ${counts.delivered} delivered, ${counts.pending} pending,
          ${counts.failed} failed.
        </p>
        ${
          recent.length
            ? html`<div class="scroll-x">
                <table>
                  <thead>
                    <tr>
                      <th>Event</th>
                      <th>Post</th>
                      <th>Status</th>
                      <th>Attempts</th>
                      <th>Last error</th>
                      <th>Next attempt</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${rows}
                  </tbody>
                </table>
              </div>`
            : html`<p class="muted">No deliveries yet.</p>`
        }
      </section>`,
    );
  }
  return join(parts);
}

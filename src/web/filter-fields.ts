// The filter fields the search page and the dashboard share (channel, topic, language, dates): one form, one look.
import { html, join, raw, type Html } from './html.js';

/** `<option>`, selected when it is the current value. */
export function option(value: string, label: string, current: string): Html {
  return html`<option value="${value}" ${current === value ? raw(' selected') : ''}>${label}</option>`;
}

/** The channel, topic, language and date fields of a GET filter form, holding the current values (`v`). */
export function filterFields(
  channels: readonly { key: string; title: string }[],
  topics: readonly { name: string }[],
  v: (name: string) => string,
): Html {
  return html`<div>
      <label for="channel">Channel</label
      ><select id="channel" name="channel">
        ${option('', 'any', v('channel'))}${join(channels.map((ch) => option(ch.key, ch.title, v('channel'))))}
      </select>
    </div>
    <div>
      <label for="topic">Topic</label
      ><select id="topic" name="topic">
        ${option('', 'any', v('topic'))}${join(topics.map((t) => option(t.name, t.name, v('topic'))))}
      </select>
    </div>
    <div>
      <label for="lang">Language</label
      ><input id="lang" type="text" name="lang" value="${v('lang')}" placeholder="en, fr, ru" />
    </div>
    <div>
      <label for="since">From</label><input id="since" type="date" name="since" value="${v('since')}" />
    </div>
    <div>
      <label for="until">To</label><input id="until" type="date" name="until" value="${v('until')}" />
    </div>`;
}

// A list of the names a script writes without marking them (Chinese, Thai), looked up in runs of its text.

/** Names as written -> their Latin spelling (its words the parts of one name: "Saudi Arabia"). */
export class NameTable {
  private readonly names = new Map<string, string>();
  // The lengths of the names each character begins, longest first: a run is read at every character, and most begin
  // no name (a Thai phrase is one long run), so only those lengths are looked up.
  private readonly lengths = new Map<string, number[]>();

  /** `entries` first; then `lines` of "Latin spelling: form form …", each form not already there. */
  constructor(entries: Readonly<Record<string, string>>, lines: string) {
    for (const [form, latin] of Object.entries(entries)) this.set(form, latin);
    for (const line of lines.split('\n')) {
      const at = line.indexOf(':');
      if (at < 0) continue;
      for (const form of line
        .slice(at + 1)
        .trim()
        .split(' '))
        if (!this.names.has(form)) this.set(form, line.slice(0, at));
    }
  }

  /**
   * The names in a run of text, each as [as written, its Latin spelling]: read from the left, the longest name at
   * each place (白俄罗斯 is Belarus, not Russia), none shorter than `shortest` characters.
   */
  find(run: string, shortest = 1): [string, string][] {
    const out: [string, string][] = [];
    for (let i = 0; i < run.length;) {
      let found = 0;
      for (const n of this.lengths.get(run[i]!) ?? []) {
        if (n < shortest || i + n > run.length) continue;
        const latin = this.names.get(run.slice(i, i + n));
        if (latin !== undefined) {
          out.push([run.slice(i, i + n), latin]);
          found = n;
          break;
        }
      }
      i += found || 1;
    }
    return out;
  }

  private set(form: string, latin: string): void {
    this.names.set(form, latin);
    let lengths = this.lengths.get(form[0]!);
    if (lengths === undefined) this.lengths.set(form[0]!, (lengths = []));
    if (lengths.includes(form.length)) return;
    lengths.push(form.length);
    lengths.sort((x, y) => y - x);
  }
}

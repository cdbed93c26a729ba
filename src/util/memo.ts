// A bounded memo of a pure function of a string. Folding, stemming, hashtag and name keys meet the same words again
// and again on every post; a full table is dropped whole rather than evicted entry by entry, which costs nothing per
// call, and the words in use fill it again within a few posts.

export class Memo<V> {
  private readonly cache = new Map<string, V>();

  /** `compute` must not return undefined (it would be computed again each time). */
  constructor(
    private readonly max: number,
    private readonly compute: (key: string) => V,
  ) {}

  get(key: string): V {
    let v = this.cache.get(key);
    if (v === undefined) {
      v = this.compute(key);
      if (this.cache.size >= this.max) this.cache.clear();
      this.cache.set(key, v);
    }
    return v;
  }

  /** Forgets everything (what `compute` reads has changed). */
  clear(): void {
    this.cache.clear();
  }
}

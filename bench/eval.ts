// Evaluates story grouping on the hand-written set: pairwise precision and recall of "same story" decisions.
import { groupStories } from '../src/dedup/stories.js';
import type { StoryOptions } from '../src/dedup/stories.js';
import { postKey } from '../src/model/post.js';
import { EVAL_POSTS, HARD_NEGATIVES } from './eval-set.js';

export interface EvalResult {
  posts: number;
  pairs: number;
  positives: number;
  hardNegativePairs: number;
  precision: number;
  recall: number;
  falsePositives: string[];
  falseNegatives: string[];
}

export function evaluate(options: StoryOptions = {}): EvalResult {
  const { members } = groupStories(
    EVAL_POSTS.map((e) => e.post),
    options,
  );
  const storyOf = new Map(members.map((m) => [`${m.channel}/${m.id}`, m.storyId]));
  const hard = new Set(HARD_NEGATIVES.flatMap((h) => [`${h.a}|${h.b}`, `${h.b}|${h.a}`]));
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let positives = 0;
  let pairs = 0;
  let hardPairs = 0;
  const falsePositives: string[] = [];
  const falseNegatives: string[] = [];
  for (let i = 0; i < EVAL_POSTS.length; i++) {
    for (let j = i + 1; j < EVAL_POSTS.length; j++) {
      const a = EVAL_POSTS[i]!;
      const b = EVAL_POSTS[j]!;
      pairs++;
      const truth = a.story === b.story;
      if (truth) positives++;
      if (hard.has(`${a.story}|${b.story}`)) hardPairs++;
      const ka = postKey(a.post);
      const kb = postKey(b.post);
      const said = storyOf.get(ka) === storyOf.get(kb);
      if (said && truth) tp++;
      else if (said) {
        fp++;
        falsePositives.push(`${a.story} ${ka} ~ ${b.story} ${kb}`);
      } else if (truth) {
        fn++;
        falseNegatives.push(`${a.story} ${ka} ~ ${kb}`);
      }
    }
  }
  return {
    posts: EVAL_POSTS.length,
    pairs,
    positives,
    hardNegativePairs: hardPairs,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    falsePositives,
    falseNegatives,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = evaluate();
  console.log(
    `eval set: ${r.posts} posts, ${r.pairs} labelled pairs (${r.positives} same-story, ${r.pairs - r.positives} different, ${r.hardNegativePairs} of them hard negatives)`,
  );
  console.log(`precision ${r.precision.toFixed(3)}  recall ${r.recall.toFixed(3)}`);
  for (const x of r.falsePositives) console.log(`  false positive: ${x}`);
  for (const x of r.falseNegatives) console.log(`  false negative: ${x}`);
}

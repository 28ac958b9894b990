// Prediction choices in an order of the learner's own: shuffled from a seed
// kept in their progress, so it stays the same across reloads, and differs
// from one learner (and one step) to the next, so the answer's position says
// nothing.

/** FNV-1a, 32 bits: a stable number from a text. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small seeded generator, enough to shuffle a handful of choices. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** For each shown position, the index of the choice as written in the lesson. */
export function choiceOrder(seed: string, chapterId: string, stepId: string, count: number): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  const random = generator(hash(`${seed}/${chapterId}/${stepId}`));
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

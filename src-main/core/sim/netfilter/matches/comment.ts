// `-m comment --comment TEXT`: matches everything, shows up in listings.
import type { Match } from '../rule.js';
import { saveString } from '../save-string.js';

export class CommentMatch implements Match {
  readonly name = 'comment';

  constructor(readonly comment: string) {}

  test(): boolean {
    return true;
  }

  print(): string {
    return ` /* ${this.comment} */`;
  }

  save(): string {
    return ` --comment${saveString(this.comment)}`;
  }
}

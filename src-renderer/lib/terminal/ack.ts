// Acknowledges written output in chunks, as VS Code does: one ack per ~5,000
// characters rather than per write keeps the ack traffic small while the host
// still sees the renderer keeping up.
import { flowControl } from '../../../src-main/core/api/contract.js';

export class AckBatcher {
  private unacknowledged = 0;

  constructor(
    private readonly send: (chars: number) => void,
    private readonly chunk: number = flowControl.lowWatermarkChars,
  ) {}

  /** Called from xterm's write callback once `chars` have been parsed. */
  written(chars: number): void {
    this.unacknowledged += chars;
    if (this.unacknowledged >= this.chunk) {
      this.send(this.unacknowledged);
      this.unacknowledged = 0;
    }
  }
}

// One polite live region for the whole screen: check results, copied text,
// lab changes. Messages that arrive together are read together, none dropped;
// clearing first makes a repeated message heard again.

class Announcer {
  message = $state('');
  private queued: string[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  announce(text: string): void {
    this.queued.push(text);
    if (this.timer) return;
    this.message = '';
    this.timer = setTimeout(() => {
      this.message = this.queued.join(' ');
      this.queued = [];
      this.timer = undefined;
    }, 50);
  }
}

export const announcer = new Announcer();

// One polite live region for the whole screen: check results, copied text,
// lab changes. Clearing first makes a repeated message heard again.

class Announcer {
  message = $state('');
  private pending: ReturnType<typeof setTimeout> | undefined;

  announce(text: string): void {
    this.message = '';
    clearTimeout(this.pending);
    this.pending = setTimeout(() => (this.message = text), 50);
  }
}

export const announcer = new Announcer();
